# Clipstream service image: docker build -t clipstream .
# Stage "source" builds the runnable jar with the Maven wrapper; the last stage is a JRE with the jar,
# running as uid 10001. Deployment notes (memory, volumes, health, building without public images):
# docs/deploy.md.
#
# Build arguments (the defaults build from source on the public Temurin images):
#   BUILD_IMAGE    base of the build stage (a JDK 17, or a plain Debian: openjdk-17-jdk-headless is added)
#   RUNTIME_IMAGE  base of the image (a JRE 17, or a plain Debian: openjdk-17-jre-headless is added)
#   JAR_FROM       "source" (default: build the jar here) or "prebuilt" (take processor/target/clipstream.jar
#                  from the build context, as `./mvnw package` left it; needs BuildKit, which skips the
#                  unused stage)
# deploy/stack-test.sh builds with RUNTIME_IMAGE=local/debian:bookworm and JAR_FROM=prebuilt.
# No "# syntax" line: BuildKit's built-in Dockerfile frontend handles the cache mount, and naming a frontend
# image would make every build pull it from Docker Hub.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
ARG JAR_FROM=source

FROM ${BUILD_IMAGE} AS source
# A plain Debian base has no JDK: add Debian's (the Temurin images have one, and skip this).
RUN command -v javac >/dev/null || { apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless \
 && rm -rf /var/lib/apt/lists/*; }
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds; the tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && cp processor/target/clipstream.jar /clipstream.jar

FROM scratch AS prebuilt
# .dockerignore lets exactly this one file of target/ through. The glob (with a second file that always
# exists) keeps this stage valid when the jar is absent: the classic builder, which cannot skip stages,
# then still builds from source.
COPY processor/target/clipstream.ja[r] deploy/image.properties /

FROM ${JAR_FROM} AS jar

FROM ${RUNTIME_IMAGE}
ARG RUNTIME_IMAGE
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="clipstream" \
      org.opencontainers.image.description="Kafka stream processor that turns CV detections, events and recordings into evidence clips" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/clipstream/clipstream" \
      org.opencontainers.image.documentation="https://github.com/clipstream/clipstream/blob/main/docs/deploy.md" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"

# curl for the HEALTHCHECK (the Temurin image carries it today; installed explicitly so that it stays).
# The system libraries the jar's FFmpeg natives link against and do not bring along: `ldd` on the
# extracted linux-x86_64 .so files on a bare Debian lists exactly libasound, libpulse, libxcb and
# libxcb-shm, all for libavdevice, which JavaCV's grabber loads (Ubuntu 24.04, under the Temurin images,
# renamed libasound2 to libasound2t64). A plain Debian base gets Debian's JRE 17 as well.
# uid/gid 10001 own only the writable directories: state (a volume), render scratch, natives cache.
RUN apt-get update \
 && asound=$(apt-cache show libasound2t64 >/dev/null 2>&1 && echo libasound2t64 || echo libasound2) \
 && apt-get install -y --no-install-recommends curl ca-certificates "$asound" libpulse0 libxcb1 libxcb-shm0 \
 && { command -v java >/dev/null || apt-get install -y --no-install-recommends openjdk-17-jre-headless; } \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 clipstream \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/clipstream --no-create-home \
      --shell /usr/sbin/nologin clipstream \
 && mkdir -p /opt/clipstream/bin /etc/clipstream \
      /var/lib/clipstream/state /var/lib/clipstream/work /var/cache/clipstream/javacpp \
 && chown -R 10001:10001 /var/lib/clipstream /var/cache/clipstream

COPY --from=jar /clipstream.jar /opt/clipstream/clipstream.jar
COPY deploy/image.properties /etc/clipstream/clipstream.properties
COPY deploy/feed.sh /opt/clipstream/bin/feed.sh

USER 10001:10001
WORKDIR /var/lib/clipstream
ENV HOME=/var/lib/clipstream
VOLUME ["/var/lib/clipstream/state"]
EXPOSE 8080

# Liveness only: readiness (/health/ready) waits for state restoration, which may take long after a move.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/live || exit 1

# Heap: 40 % of the container's memory. The rest is for what lives outside the heap: libx264 encoders
# (about 211 MiB each at 1080p, 100 MiB at 720p), decoders (about 43 MiB at 1080p), RocksDB, metaspace,
# threads. render.max.concurrent.encoders defaults to what half of that non-heap memory holds.
# JavaCPP unpacks the FFmpeg natives into a writable cache (the home may be read-only in Kubernetes).
ENTRYPOINT ["java", \
  "-XX:MaxRAMPercentage=40", \
  "-XX:+ExitOnOutOfMemoryError", \
  "-Dorg.bytedeco.javacpp.cachedir=/var/cache/clipstream/javacpp", \
  "-jar", "/opt/clipstream/clipstream.jar"]
CMD ["run", "--config", "/etc/clipstream/clipstream.properties"]
