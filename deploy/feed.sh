#!/bin/sh
# The compose stack's one-shot feeder: publishes the bundled sample (docker-compose.yml mounts
# processor/src/main/resources/demo at /sample) with `clipstream.jar publish`, in the order the
# embedded demo uses: segments, detections, events. The recordings themselves were uploaded to
# MinIO by minio-init; the segments' ${recordings} placeholder is rewritten to point there.
#
# Runs in the Clipstream image (entrypoint: sh /opt/clipstream/bin/feed.sh). Settings:
#   SAMPLE_DIR         directory with segments.jsonl, detections.jsonl, events.jsonl (default /sample)
#   RECORDINGS_URI     where the recordings are, replacing ${recordings} (default s3://recordings)
#   BOOTSTRAP_SERVERS  Kafka (default kafka:9092)
#   REGISTRY_URL       Schema Registry API root (default http://schema-registry:8080/apis/ccompat/v7)
#   CLIPSTREAM_JAR     the jar (default /opt/clipstream/clipstream.jar)
# Exit status: 0 when every file was published; publish's status otherwise (2 bad input, 1 Kafka or
# registry failure). A re-run publishes the sample again: the planner's de-duplication answers it.
set -eu

SAMPLE_DIR=${SAMPLE_DIR:-/sample}
RECORDINGS_URI=${RECORDINGS_URI:-s3://recordings}
BOOTSTRAP_SERVERS=${BOOTSTRAP_SERVERS:-kafka:9092}
REGISTRY_URL=${REGISTRY_URL:-http://schema-registry:8080/apis/ccompat/v7}
CLIPSTREAM_JAR=${CLIPSTREAM_JAR:-/opt/clipstream/clipstream.jar}

for f in segments.jsonl detections.jsonl events.jsonl; do
  if [ ! -r "$SAMPLE_DIR/$f" ]; then
    echo "feed: $SAMPLE_DIR/$f is missing (mount processor/src/main/resources/demo at $SAMPLE_DIR)" >&2
    exit 2
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# ${recordings}/cam-office/x.mp4 -> s3://recordings/cam-office/x.mp4
sed "s#\${recordings}#${RECORDINGS_URI}#g" "$SAMPLE_DIR/segments.jsonl" > "$work/segments.jsonl"

publish() {
  echo "feed: publishing $1 from $2"
  java -XX:TieredStopAtLevel=1 -jar "$CLIPSTREAM_JAR" publish --kind "$1" --file "$2" \
    --bootstrap-servers "$BOOTSTRAP_SERVERS" --registry-url "$REGISTRY_URL"
}

publish segments "$work/segments.jsonl"
publish detections "$SAMPLE_DIR/detections.jsonl"
publish events "$SAMPLE_DIR/events.jsonl"
echo "feed: done; clips appear in the bucket 'clips' (docker compose logs -f clips)"
