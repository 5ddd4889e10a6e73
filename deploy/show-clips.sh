#!/bin/sh
# The compose stack's last one-shot (MinIO client image): waits until the sample's clips are in the
# bucket "clips" and prints a URL for each that opens from the host. EXPECTED_CLIPS (default 7: one per
# event of the sample), TIMEOUT_S (default 600).
set -eu
mc alias set local "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
expected=${EXPECTED_CLIPS:-7}
deadline=$(( $(date +%s) + ${TIMEOUT_S:-600} ))
while :; do
  count=$(mc find local/clips --name '*.mp4' 2>/dev/null | wc -l)
  if [ "$count" -ge "$expected" ] || [ "$(date +%s)" -ge "$deadline" ]; then
    break
  fi
  echo "clips: $count of $expected clips so far"
  sleep 5
done
mc find local/clips --name '*.mp4' | sed "s#^local/#${PUBLIC_URL:-http://localhost:9000}/#" | sed 's/^/clip ready: /'
[ "$count" -ge "$expected" ] || { echo "clips: only $count of $expected clips after ${TIMEOUT_S:-600} s (docker compose logs clipstream)" >&2; exit 1; }
