#!/usr/bin/env bash
# Carving planner at scale: 10,000 nodes x 200,000 claims, CarvingPlanner side by side with a
# first-fit-decreasing baseline on the same input in the same JVM run. Prints a Markdown table for
# docs/benchmarks.md. Needs: java 17+. Run from anywhere:
#   benchmarks/carving.sh [nodes] [claims] [seed]      (SKIP_BUILD=1 to reuse the last build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true \
      -Dmaven.source.skip=true)
fi
CLASSPATH="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/benchmark-classpath.txt")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx${HEAP:-3g} -cp "$CLASSPATH" dev.gantry.benchmarks.CarvingBench "$@"
echo "measured $(date -u +%Y-%m-%dT%H:%MZ), load after $(cut -d' ' -f1-3 /proc/loadavg)"
