#!/usr/bin/env bash
# A full sync of a simulated forum end to end (embedded PostgreSQL, Camel routes, every rate limit off):
# requests vs the SPEC §4 lower bound, a naive per-topic crawler's requests, posts/s and peak heap.
# Usage: bench/sync.sh [topics=2000] [posts=20000] [seed=42]   (JAVA_OPTS to add JVM flags, e.g. JFR)
set -euo pipefail
cd "$(dirname "$0")/.."
TOPICS=${1:-2000}
POSTS=${2:-20000}
SEED=${3:-42}
CPF=app-server/target/bench-classpath.txt
# app-server and what it depends on, compiled; the reactor resolves sibling modules to their target/classes
if ! out=$(./mvnw -q -o -pl app-server -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test 2>&1); then
  echo "$out" >&2
  exit 1
fi
echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg); simulator, sync and PostgreSQL share this machine"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "app-server/target/test-classes:app-server/target/classes:$(cat "$CPF")" \
  org.kbbridge.bench.SyncBench "$TOPICS" "$POSTS" "$SEED"
