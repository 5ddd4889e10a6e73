# syntax=docker/dockerfile:1
# Clipstream service image: docker build -t clipstream .
# Stage 1 builds the runnable jar with the Maven wrapper; stage 2 is a JRE with the jar, running as
# uid 10001. Deployment notes (memory, volumes, health): docs/deploy.md.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds; the tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && cp processor/target/clipstream.jar /clipstream.jar

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="clipstream" \
      org.opencontainers.image.description="Kafka stream processor that turns CV detections, events and recordings into evidence clips" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/clipstream/clipstream" \
      org.opencontainers.image.documentation="https://github.com/clipstream/clipstream/blob/main/docs/deploy.md" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"

# curl for the HEALTHCHECK (the Temurin image carries it today; installed explicitly so that it stays).
# uid/gid 10001 own only the writable directories: state (a volume), render scratch, natives cache.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 clipstream \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/clipstream --no-create-home \
      --shell /usr/sbin/nologin clipstream \
 && mkdir -p /opt/clipstream/bin /etc/clipstream \
      /var/lib/clipstream/state /var/lib/clipstream/work /var/cache/clipstream/javacpp \
 && chown -R 10001:10001 /var/lib/clipstream /var/cache/clipstream

COPY --from=build /clipstream.jar /opt/clipstream/clipstream.jar
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
