#!/usr/bin/env python3
"""Reads the JSON lines of all benchmark peers and prints a Markdown table of medians and ratios.

Usage: compare.py results.jsonl...  Each line: {"peer", "workload", "metric", "value", "unit"}.
Ratios are costs relative to a peer (> 1: java-async is worse): time and bytes divide java-async by the peer,
throughput (unit 1/s) divides the peer by java-async.

W7 is special: a warm JVM's RSS barely moves when it allocates (its heap pages are already resident), so the
java-async RSS ratio uses the fresh-JVM run (W7-cold) when there is one, and the live-heap row is compared with
kotlinx's figure, which is live heap too.
"""
import json, statistics, sys
from collections import defaultdict

PEERS = ["asyncio", "uvloop", "kotlinx", "kotlinx-loop", "kotlinx-pgc", "kotlinx-loop-pgc", "java-async",
         "java-async-g1", "java-async-portable", "vthread-floor", "continuation-floor"]
# Each ratio compares two peers that ran with the same collector: the JVM's default (G1) or the Parallel GC that
# bench/run.sh uses by default. Columns: (heading, java peer, other peer).
RATIOS = [("java/kotlinx (both Parallel GC)", "java-async", "kotlinx-pgc"),
          ("java/kotlinx-loop (both Parallel GC)", "java-async", "kotlinx-loop-pgc"),
          ("java/kotlinx-loop (each its default GC)", "java-async", "kotlinx-loop"),
          ("java/kotlinx (both G1)", "java-async-g1", "kotlinx"),
          ("vthread-floor/kotlinx-loop (both Parallel GC)", "vthread-floor", "kotlinx-loop-pgc"),
          ("java/asyncio", "java-async", "asyncio")]
values = defaultdict(list)
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                values[(r["workload"], r["metric"], r["unit"])].append((r["peer"], r["value"]))

def fmt(v):
    if v is None:
        return "-"
    if abs(v) >= 1e5:
        return f"{v / 1e6:.2f} M"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"

def cost(java, other, unit):
    if java is None or other is None or java == 0 or other == 0:
        return None
    return other / java if unit == "1/s" else java / other

def median_of(w, m, u, peer):
    vs = [v for q, v in values.get((w, m, u), []) if q == peer and v is not None]
    return statistics.median(vs) if vs else None

present = [p for p in PEERS if any(p == q for rows in values.values() for q, _ in rows)]
ratios = [r for r in RATIOS if r[1] in present and r[2] in present]
print("| workload | metric | " + " | ".join(present + [h for h, _, _ in ratios]) + " |")
print("|---|---|" + "---|" * (len(present) + len(ratios)))
for (w, m, u) in sorted(values, key=lambda k: (k[0], k[1])):
    peers_here = {q for q, _ in values[(w, m, u)]}
    if peers_here <= {"kotlinx", "kotlinx-loop", "kotlinx-pgc", "kotlinx-loop-pgc", "vthread-floor",
                      "continuation-floor"}:
        continue  # kotlinx always runs every workload; show only the ones selected for the others
    med = {p: median_of(w, m, u, p) for p in present}
    cells = [fmt(med[p]) for p in present]
    for _, java_peer, other in ratios:
        j, o = med.get(java_peer), med.get(other)
        if (w, m) == ("W7", "bytes_per_suspended_task"):
            # RSS: a warm JVM's is noise; use the fresh-JVM run. kotlinx reports live heap: compared on the heap row.
            j = median_of("W7-cold", m, u, java_peer)
            o = None if other.startswith("kotlinx") else o
        if (w, m) == ("W7", "heap_bytes_per_suspended_task"):
            o = median_of("W7", "bytes_per_suspended_task", u, other)
        r = cost(j, o, u)
        cells.append("-" if r is None else f"{r:.2f}×")
    print(f"| {w} | {m} ({u}) | " + " | ".join(cells) + " |")
