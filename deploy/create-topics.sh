#!/bin/sh
# The compose stack's one-shot topic setup (runs in the Kafka image). The three inputs are joined per
# camera, so cv.detections, cv.events and cv.segments must have the same partition count; every topic
# gets PARTITIONS partitions (the most instances that can share the work). Kafka Streams creates its
# own internal topics (changelogs, repartition topics).
set -eu
BOOTSTRAP=${BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${PARTITIONS:?set PARTITIONS}
for topic in cv.detections cv.events cv.segments \
    clips.render-commands clips.ready clips.failed clips.dead-letter; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --describe | grep PartitionCount
