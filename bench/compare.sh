#!/usr/bin/env bash
# Runs every peer on workloads W1-W8 in one run and prints a table of medians and ratios:
#   asyncio (python3), uvloop (/usr/bin/python3 --uvloop), kotlinx (shared/bench/kotlinx, copied to $TMPDIR/javaasync-kotlinx-peer
#   because shared/ is read-only; its own run.sh with the JVM's default G1, and both its modes again with the
#   Parallel GC as kotlinx-pgc and kotlinx-loop-pgc), java-async (Parallel GC, bench/run.sh's default),
#   java-async-g1 (JVM defaults), java-async-portable, cold first runs of W1 and W7 in fresh JVMs, and the floors of
#   W2, W5 and W7 (the bare JDK mechanism under the runtime: peers vthread-floor and continuation-floor). java-async's
#   W7 also prints a heap histogram of its suspended tasks, shown after the table.
# Usage: bench/compare.sh [--reps N] [--only W1,W3]   (kotlinx always runs all workloads, 3 repetitions)
# SHARED_BENCH points at shared/bench (default: ../shared/bench next to the project, else /work/shared/bench).
# The raw JSON lines are kept in the directory printed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${SHARED_BENCH:-$root/../shared/bench}
[ -f "$shared/asyncio_ref.py" ] || shared=/work/shared/bench
out=$(mktemp -d "${TMPDIR:-/tmp}/javaasync-compare.XXXXXX")
step() { echo "compare.sh: $*" >&2; }
# The --reps value among the arguments (3 unless given), for the floors, which take no --only.
reps_of() { local r=3; while [ $# -gt 0 ]; do [ "$1" = --reps ] && r=$2; shift; done; echo "$r"; }
source "$root/scripts/find-jdk.sh"

step "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
step "asyncio ($(python3 --version 2>&1))"
python3 "$shared/asyncio_ref.py" "$@" > "$out/asyncio.jsonl"
step "uvloop ($(/usr/bin/python3 --version 2>&1))"
/usr/bin/python3 "$shared/asyncio_ref.py" --uvloop "$@" > "$out/uvloop.jsonl" || step "uvloop failed (is python3-uvloop installed?)"
step "kotlinx"
# A stable copy, so that its run.sh rebuilds only when the shared sources change (-p keeps their timestamps).
kt=${TMPDIR:-/tmp}/javaasync-kotlinx-peer
mkdir -p "$kt" && cp -r -p -u "$shared/kotlinx/." "$kt/"
(cd "$kt" && ./run.sh) > "$out/kotlinx.jsonl" || step "kotlinx failed"
step "kotlinx with the Parallel GC (both modes, as java-async runs by default)"
for mode in executor loop; do
  peer=kotlinx; [ $mode = loop ] && peer=kotlinx-loop
  (cd "$kt" && "$JAVA_HOME/bin/java" -XX:+UseParallelGC -cp "target/ktbench-1.jar:target/lib/*" BenchKt $mode \
    | sed -n '/# warm-up done/,$p' | grep -v '^#' | sed "s/\"peer\": \"$peer\"/\"peer\": \"$peer-pgc\"/") \
    > "$out/$peer-pgc.jsonl" || step "$peer (Parallel GC) failed"
done
step "java-async"
"$here/run.sh" --w7-histogram "$@" > "$out/java-async.jsonl" 2> "$out/java-async.stderr"
step "java-async-g1 (the JVM's default collector)"
BENCH_GC= "$here/run.sh" --peer java-async-g1 "$@" > "$out/java-async-g1.jsonl"
step "java-async-portable"
"$here/run.sh" --portable "$@" > "$out/java-async-portable.jsonl"
step "floors: W2, W5, W7 on bare loop-scheduled virtual threads and bare continuations (bench/src/.../Floors.java)"
"$here/run.sh" --floors --reps "$(reps_of "$@")" > "$out/floors.jsonl"
step "java-async cold W1 and W7 (each in a fresh JVM, no warm-up)"
"$here/run.sh" --cold --only W1 > "$out/java-async-cold-w1.jsonl"
# W7 again in a fresh JVM: in a warm JVM the heap's pages are already resident, so RSS barely moves (or shrinks).
"$here/run.sh" --cold --only W7 > "$out/java-async-cold-w7.jsonl"
python3 "$here/compare.py" "$out"/*.jsonl
grep '^#' "$out/java-async.stderr" || true
step "raw results in $out"
