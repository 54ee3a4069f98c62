#!/usr/bin/env bash
# Read load on the unified API over loopback (list pages of 50 and get-by-id, concurrent clients) and the same
# keyset query straight on PostgreSQL, on a synced 300-topic / 3,000-post simulated forum: requests/s, p50/p99.
# Usage: bench/api.sh [clients=16] [seconds=10]   (JAVA_OPTS to add JVM flags)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-16}
SECONDS_PER=${2:-10}
CPF=app-server/target/bench-classpath.txt
if ! out=$(./mvnw -q -o -pl app-server -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test 2>&1); then
  echo "$out" >&2
  exit 1
fi
echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg); clients, server and PostgreSQL share this machine"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "app-server/target/test-classes:app-server/target/classes:$(cat "$CPF")" \
  org.kbbridge.bench.ApiBench "$CLIENTS" "$SECONDS_PER" 2> >(grep -v ' INFO ' >&2)
