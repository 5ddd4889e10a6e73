#!/usr/bin/env bash
# Runs the compose stack on this machine without access to public images, and checks what it produces:
#  1. a Debian bookworm base image (debootstrap; made once: skipped when local/debian:bookworm exists);
#  2. the Clipstream image from the Dockerfile on that base, with Debian's JRE and the jar ./mvnw package
#     left in processor/target (built first when missing), and the stand-ins of deploy/local/Dockerfile:
#     Kafka (KRaft), Apicurio Registry and S3Proxy from Maven Central artifacts, a MinIO client on curl;
#  3. docker compose -f docker-compose.yml -f docker-compose.local.yml up: the stack's own services
#     (topics, minio-init, clipstream, feeder, clips) run as written; the feeder publishes the sample;
#  4. waits for the seven clips, checks them (deploy/local/StackCheck.java: clips.ready records against
#     the stored MP4s, size, SHA-256 and ffprobe), prints the clip-ready lines;
#  5. tears everything down (containers, network, volumes), also on failure.
# Needs: a running Docker engine (dockerd), Docker Compose (v2 plugin or Debian's docker-compose),
# debootstrap (for the base, as root), a JDK 17 (the Maven build, the check) and a JDK 21+ for the
# registry stand-in's runtime (CLIPSTREAM_REGISTRY_JAVA, or found under /usr/lib/jvm), ffprobe, and the
# host ports of docker-compose.yml free (8080, 8081, 9000, 9001, 29092). Docs: docs/deploy.md.
# Environment: EXPECTED_CLIPS (7), KEEP_STACK=1 (leave the stack running), STACK_LOGS (directory for
# the containers' logs, default target/stack-test).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=local/debian:bookworm
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PROJECT=clipstream
EXPECTED_CLIPS=${EXPECTED_CLIPS:-7}
LOGS=${STACK_LOGS:-target/stack-test}
started=$(date +%s)

log() { printf '[stack-test %4ds] %s\n' "$(( $(date +%s) - started ))" "$*"; }
die() { printf 'stack-test: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed): start dockerd, e.g. 'dockerd >/var/log/dockerd.log 2>&1 &'"

# Compose: the v2 plugin if there is one, else Compose v1 (Debian's docker-compose package).
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null; then compose_cmd=(docker-compose)
else die "no Docker Compose: install the compose plugin or Debian's docker-compose"; fi
compose() { "${compose_cmd[@]}" -p "$PROJECT" -f docker-compose.yml -f docker-compose.local.yml "$@"; }

# Builds need BuildKit (RUN --mount, skipping unused stages): buildx when present, else a docker CLI
# with BuildKit built in (Debian's docker.io 20.10 at /usr/bin/docker).
if docker buildx version >/dev/null 2>&1; then build() { docker buildx build --load "$@"; }
else
  builtin_cli=
  for cli in $(command -v docker) /usr/bin/docker; do
    major=$("$cli" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1 || true)
    if [ -n "$major" ] && [ "$major" -lt 23 ]; then builtin_cli=$cli; break; fi
  done
  [ -n "$builtin_cli" ] || die "no BuildKit builder: install docker-buildx, or Debian's docker.io (its CLI has BuildKit built in)"
  build() { DOCKER_BUILDKIT=1 "$builtin_cli" build "$@"; }
fi

for port in 8080 8081 9000 9001 29092; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "host port $port is in use: docker-compose.yml publishes it; stop what listens there (or another stack: docker compose -p $PROJECT down -v)"
  fi
done
command -v ffprobe >/dev/null || die "ffprobe is missing (apt-get install ffmpeg): the check decodes the clips with it"

registry_java=${CLIPSTREAM_REGISTRY_JAVA:-}
if [ -z "$registry_java" ]; then
  for jdk in /usr/lib/jvm/*/; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
    if [ "${v:-0}" -ge 21 ] && [ -x "$jdk/bin/jlink" ]; then registry_java=$jdk/bin/java; break; fi
  done
fi
[ -n "$registry_java" ] && [ -x "$(dirname "$registry_java")/jlink" ] \
  || die "no JDK 21+ with jlink (Apicurio Registry needs Java 21, Debian bookworm packages 17): set CLIPSTREAM_REGISTRY_JAVA to its java"

# 1. The base image, once.
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base $BASE_IMAGE exists: reused"
else
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap): it makes the base image"
  rootfs=$(mktemp -d /tmp/clipstream-rootfs.XXXXXX)
  log "making $BASE_IMAGE with debootstrap (minbase, $DEBIAN_MIRROR)"
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" > "$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log" >&2; die "debootstrap failed (log above, $rootfs.log)"; }
  tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
  log "base $BASE_IMAGE made"
fi

# 2. The artifacts and the images.
if [ ! -f processor/target/clipstream.jar ]; then
  log "building processor/target/clipstream.jar (./mvnw package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
log "fetching the stand-ins' artifacts (Maven)"
./mvnw -B -q -f deploy/local/pom.xml dependency:copy-dependencies@kafka-libs dependency:copy@standins
if [ ! -x deploy/local/target/registry-jre/bin/java ]; then
  log "linking a Java runtime for the registry stand-in from $(dirname "$(dirname "$registry_java")")"
  rm -rf deploy/local/target/registry-jre
  "$(dirname "$registry_java")/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.crypto.cryptoki,jdk.net \
    --strip-debug --no-man-pages --no-header-files --output deploy/local/target/registry-jre
fi
built=$(date +%s)
log "building the images"
build -q -t clipstream:local --build-arg RUNTIME_IMAGE="$BASE_IMAGE" --build-arg BUILD_IMAGE="$BASE_IMAGE" \
  --build-arg JAR_FROM=prebuilt . >/dev/null
for standin in kafka registry s3 mc; do
  build -q -t "local/clipstream-$standin:standin" --target "$standin" --build-arg BASE_IMAGE="$BASE_IMAGE" deploy/local >/dev/null
done
log "images built in $(( $(date +%s) - built )) s; clipstream:local is $(docker image inspect -f '{{.Size}}' clipstream:local | awk '{printf "%.0f MB", $1/1e6}')"

# 3. The stack. Torn down on any exit unless KEEP_STACK=1.
mkdir -p "$LOGS"
teardown() {
  status=$?
  compose logs --no-color > "$LOGS/compose.log" 2>&1 || true
  if [ "${KEEP_STACK:-0}" = 1 ]; then log "KEEP_STACK=1: stack left running (docker compose -p $PROJECT ... down -v)"
  else compose down -v --remove-orphans >/dev/null 2>&1 || true; log "stack removed"; fi
  [ $status -eq 0 ] || echo "stack-test: FAILED; the containers' logs: $LOGS/compose.log" >&2
  exit $status
}
trap teardown EXIT
trap 'exit 130' INT TERM
compose down -v --remove-orphans >/dev/null 2>&1 || true
up=$(date +%s)
log "docker compose -f docker-compose.yml -f docker-compose.local.yml up"
compose up -d --no-build
clips_container=$(compose ps -q clips)
[ -n "$clips_container" ] || die "the clips service did not start (compose ps)"
log "feeder done; waiting for the $EXPECTED_CLIPS clips"

# 4. The clips service prints one line per clip when all are there; the check reads the records.
code=$(docker wait "$clips_container")
docker logs "$clips_container" 2>&1 | grep '^clip ready: ' || true
[ "$code" -eq 0 ] || die "the clips service exited with $code: $(docker logs --tail 3 "$clips_container" 2>&1)"
all_clips=$(( $(date +%s) - up ))
# Time to first clip: Clipstream's log line of its first stored clip (ISO-8601 UTC at the line's start).
first_line=$(docker logs "$(compose ps -q clipstream)" 2>&1 | grep -m1 ' rendered in ' || true)
first_clip=$(( $(date -d "${first_line%% *}" +%s 2>/dev/null || echo "$up") - up ))
log "all $EXPECTED_CLIPS clips in the bucket ${all_clips} s after up; the first was stored ${first_clip} s after up"

S3_ACCESS_KEY=clipstream S3_SECRET_KEY=clipstream-demo-secret \
  java -cp processor/target/clipstream.jar deploy/local/StackCheck.java "$EXPECTED_CLIPS" "$LOGS/clips"
log "passed: images $(( up - built )) s, up to all clips ${all_clips} s, total $(( $(date +%s) - started )) s"
