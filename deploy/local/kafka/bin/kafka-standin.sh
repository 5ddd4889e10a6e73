#!/bin/sh
# Entry point of the Kafka stand-in: turns the KAFKA_* variables into server.properties the way the
# official apache/kafka image does (KAFKA_FOO_BAR -> foo.bar; "__" -> "_", "___" -> "-"), formats the
# log directory once (KRaft) and runs the broker in the foreground.
set -eu
config=/var/lib/kafka/server.properties
: > "$config"
echo "log.dirs=${KAFKA_LOG_DIRS:-/var/lib/kafka/data}" >> "$config"
env | LC_ALL=C sort | while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_LOG_DIRS) ;;
    KAFKA_*)
      key=$(printf '%s' "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed 's/___/-/g; s/__/@/g; s/_/./g; s/@/_/g')
      echo "$key=$value" >> "$config" ;;
  esac
done
echo "kafka-standin: server.properties:"; sed 's/^/  /' "$config"
cp="/opt/kafka/libs/*"
java -cp "$cp" -Dlogback.configurationFile=/opt/kafka/config/logback-tools.xml kafka.tools.StorageTool \
  format --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" --config "$config" --ignore-formatted
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} ${KAFKA_OPTS:-} -cp "$cp" \
  -Dlogback.configurationFile=/opt/kafka/config/logback.xml kafka.Kafka "$config"
