#!/bin/sh
# As in the Kafka distribution: runs a class with the libraries on the class path (tools log warnings only).
set -eu
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -cp "/opt/kafka/libs/*" \
  -Dlogback.configurationFile=/opt/kafka/config/logback-tools.xml "$@"
