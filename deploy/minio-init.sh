#!/bin/sh
# The compose stack's one-shot MinIO setup (runs in the MinIO client image):
#  - the bucket "clips" where Clipstream stores clips, side-cars and thumbnails, readable without a
#    signature so that http://localhost:9000/clips/<key> opens from the host (a demo convenience: never
#    do this with real evidence, use presigned URLs instead);
#  - the bucket "recordings" with the sample's NVR segments (docker-compose.yml mounts
#    processor/src/main/resources/demo at /sample), which the renderer reads as s3://recordings/...
set -eu
mc alias set local "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing local/clips local/recordings
mc anonymous set download local/clips
mc mirror --overwrite /sample/recordings local/recordings
mc ls --recursive local/recordings
