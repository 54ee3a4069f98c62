#!/usr/bin/env bash
# Measures the discourse-simulator's /posts.json page rate on loopback with concurrent clients.
# Usage: bench/simulator-posts.sh [clients=8] [seconds=10] [topics=2000] [posts=50000]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
SECONDS_=${2:-10}
TOPICS=${3:-2000}
POSTS=${4:-50000}
./mvnw -q -o -pl discourse-simulator test-compile >/dev/null 2>&1 || ./mvnw -q -pl discourse-simulator test-compile
JV=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' pom.xml | head -1)
R="${MAVEN_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core"
CP="discourse-simulator/target/classes:discourse-simulator/target/test-classes"
for a in jackson-databind jackson-core jackson-annotations; do CP="$CP:$R/$a/$JV/$a-$JV.jar"; done
echo "cores: $(nproc); clients: $CLIENTS; simulator and load client share this machine"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "$CP" org.kbbridge.simulator.PostsPageLoad "$TOPICS" "$POSTS" "$CLIENTS" "$SECONDS_"
