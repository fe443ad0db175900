#!/usr/bin/env bash
# Runs the runtime's benchmark (workloads W1-W8 of shared/bench/asyncio_ref.py) and prints its JSON lines, peer
# "java-async" (or "java-async-portable" with --portable). Builds the runtime and the benchmark first when a source is
# newer than the jars. Flags go to the benchmark: [--reps N] [--only W1,W3] [--portable] [--cold] [--peer NAME]
# [--w7-histogram] [--floors] (see Bench.java).
# JAVA_OPTS adds JVM options. BENCH_GC picks the collector, -XX:+UseParallelGC unless set (BENCH_GC= : the JVM's
# default, G1). Why Parallel: docs/runtime.md, "JVM flags" -- with G1's small default young generation, 100k
# suspended tasks' stacks are copied again and again by young collections.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/find-jdk.sh"
version=0.1.0-SNAPSHOT
bench_jar=$root/bench/target/javaasync-bench-$version.jar
runtime_jar=$root/runtime/target/javaasync-runtime-$version.jar
stale() {
  [ ! -f "$bench_jar" ] || [ ! -f "$runtime_jar" ] || [ -n "$(find "$root/runtime/src/main" "$root/bench/src/main" \
    "$root/runtime/pom.xml" "$root/bench/pom.xml" "$root/pom.xml" -newer "$bench_jar" -print -quit)" ]
}
if stale; then
  echo "bench/run.sh: building runtime and bench with $JAVA_HOME" >&2
  (cd "$root" && { mvn -B -q -o -pl bench -am package -DskipTests >&2 || mvn -B -q -pl bench -am package -DskipTests >&2; })
fi
# Loop-scheduled virtual threads need java.lang opened; --portable runs without it (the runtime's fallback).
opens=(--add-opens java.base/java.lang=ALL-UNNAMED)
for a in "$@"; do [ "$a" = --portable ] && opens=(); done
# --floors also measures the JDK's internal Continuation, which only an opened jdk.internal.vm reaches.
for a in "$@"; do [ "$a" = --floors ] && opens+=(--add-opens java.base/jdk.internal.vm=ALL-UNNAMED); done
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_GC--XX:+UseParallelGC} ${JAVA_OPTS:-} "${opens[@]}" -cp "$bench_jar:$runtime_jar" org.javaasync.bench.Bench "$@"
