#!/bin/sh
# Entry point of the S3 stand-in: S3Proxy (filesystem backend) on port 9000 with MinIO's credentials
# (MINIO_ROOT_USER, MINIO_ROOT_PASSWORD), started by MinIO's command line: "server DIR [flags]" stores the
# buckets under DIR; MinIO's flags (--console-address) have no equivalent and are ignored.
set -eu
dir=/data
if [ "${1:-}" = server ] && [ -n "${2:-}" ]; then dir=$2; fi
: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER (the access key)}"
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD (the secret key)}"
mkdir -p "$dir/buckets"
properties=/tmp/s3proxy.properties
umask 077
cat > "$properties" <<PROPERTIES
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$MINIO_ROOT_USER
s3proxy.credential=$MINIO_ROOT_PASSWORD
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/buckets
PROPERTIES
echo "s3-standin: S3Proxy on :9000, buckets under $dir/buckets"
exec java -Xmx256m -jar /opt/s3proxy/s3proxy.jar --properties "$properties"
