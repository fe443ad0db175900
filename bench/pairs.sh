#!/usr/bin/env bash
# Ratios of java-async to kotlinx.coroutines' loop mode that hold on a busy machine: the two peers (and the floors of
# bench --floors) run in turn, round after round, so each round compares runs made within seconds of each other;
# the ratio is taken per round, and the median over the rounds is reported with its range. compare.sh runs each
# peer once, minutes apart, and the load of a shared machine drifts in between.
# Usage: bench/pairs.sh [--rounds N] [--only W2,W5]   (all JVMs with the Parallel GC, 3 repetitions per run; --only
# picks the rows of the summary, every peer runs all its workloads as in compare.sh)
# The raw JSON lines are kept in the directory printed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=7
only=W2,W5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/pairs.sh [--rounds N] [--only W2,W5]" >&2; exit 2 ;;
  esac
done
shared=${SHARED_BENCH:-$root/../shared/bench}
[ -f "$shared/asyncio_ref.py" ] || shared=/work/shared/bench
out=$(mktemp -d "${TMPDIR:-/tmp}/javaasync-pairs.XXXXXX")
step() { echo "pairs.sh: $*" >&2; }
source "$root/scripts/find-jdk.sh"
kt=${TMPDIR:-/tmp}/javaasync-kotlinx-peer
mkdir -p "$kt" && cp -r -p -u "$shared/kotlinx/." "$kt/"
[ -f "$kt/target/ktbench-1.jar" ] && [ "$kt/target/ktbench-1.jar" -nt "$kt/src/main/kotlin/Bench.kt" ] \
  || (cd "$kt" && mvn -q -B package >&2)
"$here/run.sh" --reps 1 --only W2 > /dev/null # builds the runtime and the benchmark if needed
step "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds of $only"
for r in $(seq 1 "$rounds"); do
  step "round $r (load $(cut -d' ' -f1 /proc/loadavg))"
  (cd "$kt" && "$JAVA_HOME/bin/java" -XX:+UseParallelGC -cp "target/ktbench-1.jar:target/lib/*" BenchKt loop \
    | sed -n '/# warm-up done/,$p' | grep -v '^#' | sed 's/"peer": "kotlinx-loop"/"peer": "kotlinx-loop-pgc"/') \
    > "$out/round$r-kotlinx-loop-pgc.jsonl"
  # Every workload, as compare.sh runs it: what the JIT has compiled by the time of W2 depends on what ran before.
  "$here/run.sh" > "$out/round$r-java-async.jsonl"
  "$here/run.sh" --floors > "$out/round$r-floors.jsonl"
done
python3 - "$out" "$rounds" "$only" <<'PY'
import json, statistics, sys
out, rounds, only = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
def medians(path):
    vals = {}
    for line in open(path):
        if line.startswith("{"):
            j = json.loads(line)
            vals.setdefault((j["peer"], j["workload"], j["metric"]), []).append(j["value"])
    return {k: statistics.median(v) for k, v in vals.items()}
metric = {"W2": "ns_per_switch", "W5": "seconds", "W1": "seconds", "W4": "seconds", "W8": "seconds",
          "W3": "items_per_second", "W6": "seconds", "W7": "heap_bytes_per_suspended_task"}
rows = {}
for r in range(1, rounds + 1):
    m = {}
    for part in ("kotlinx-loop-pgc", "java-async", "floors"):
        m.update(medians(f"{out}/round{r}-{part}.jsonl"))
    for w in only:
        k = m.get(("kotlinx-loop-pgc", w, metric[w] if w != "W7" else "bytes_per_suspended_task"))
        j = m.get(("java-async", w, metric[w]))
        f = m.get(("vthread-floor", w, metric[w]))
        if k and j:
            cost = (k / j) if metric[w] == "items_per_second" else (j / k)
            rows.setdefault(w, []).append((cost, f / k if f else None, j, k, f))
print("| workload | java/kotlinx-loop, median of rounds | range | vthread-floor/kotlinx-loop | java-async | kotlinx-loop | vthread-floor |")
print("|---|---|---|---|---|---|---|")
for w, rs in rows.items():
    c = [x[0] for x in rs]
    fl = [x[1] for x in rs if x[1] is not None]
    med = lambda i: statistics.median([x[i] for x in rs if x[i] is not None]) if any(x[i] is not None for x in rs) else None
    fmt = lambda v: "-" if v is None else (f"{v:.3g}")
    print(f"| {w} | {statistics.median(c):.2f}× | {min(c):.2f}–{max(c):.2f}× | "
          f"{(f'{statistics.median(fl):.2f}×') if fl else '-'} | {fmt(med(2))} | {fmt(med(3))} | {fmt(med(4))} |")
PY
step "load at the end $(cut -d' ' -f1-3 /proc/loadavg); raw results in $out"
