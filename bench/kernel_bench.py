#!/usr/bin/env python3
"""Kernel benchmark: java-async side by side with ipykernel (kernelspec python3), through jupyter_client.

Measures, per kernel:
  launch -> kernel_info_reply        (median over --launches fresh processes; the kernels take turns)
  launch -> first `1 + 1` reply      (same launches; the execute_request is queued right after launch)
  trivial cell round trip            (`1 + 1`: request -> reply and idle seen; median and p90 of the last 200)
  empty cell round trip              (`;`: what a request costs when the cell does next to nothing)
  complete_request latency           (median of 100)
  kernel_info round trip             (median of 200: the protocol layer alone, no evaluation; and its CPU)
  kernel CPU per request             (user + system time of the kernel's process, all its threads, JIT and GC
                                      included, divided by the requests it served: robust to the machine's load)
  RSS after 200 trivial cells, and after all of them

The steady-state measurements run on one kernel of each kind, started side by side; the kernels take turns, one
request each, so that a change in the machine's load falls on both alike. The load average is printed with the
table: on a busy machine the wall-clock figures move with it, the CPU figures much less.

Usage: python3 bench/kernel_bench.py [--launches 5] [--cells 400] [--kernels java-async,python3]
The java-async kernelspec is whatever Jupyter finds: install it first (install/install.sh --user, or --prefix DIR
and JUPYTER_PATH=DIR/share/jupyter). Results are printed as a Markdown table.
"""
import argparse
import os
import statistics
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

# The integration tests' helpers find a kernel's process and read its RSS; the benchmark measures the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel", "src", "test", "python"))
from kernel_support import kernel_pid, rss_mb  # noqa: E402

SAMPLES = {
    "java-async": {"cell": "1 + 1", "empty": ";", "complete": ("System.out.printl", 17)},
    "python3": {"cell": "1 + 1", "empty": ";", "complete": ("print", 5)},
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def sample_of(name):
    """The requests for kernelspec `name`: python3's, or java-async's for any other (e.g. a second Java install)."""
    return SAMPLES.get(name, SAMPLES["java-async"])


def wait_reply(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.001, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.001, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return msg


def cpu_seconds(pid):
    """User + system CPU time of a process, all its threads (those that ended included)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def launch(name, sample):
    """One fresh kernel: times to kernel_info_reply and to the first cell's reply, from just before the launch."""
    km = KernelManager(kernel_name=name)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # Both requests are queued by ZeroMQ until the kernel's sockets exist; replies come in order.
    info_id = kc.kernel_info()
    exec_id = kc.execute(sample["cell"])
    wait_reply(kc, info_id)
    t_info = time.monotonic() - t0
    wait_reply(kc, exec_id)
    t_first = time.monotonic() - t0
    return km, kc, t_info, t_first


def shutdown(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


class Kernel:
    """One running kernel of the steady-state part and what was measured on it."""

    def __init__(self, name, km, kc):
        self.name, self.km, self.kc = name, km, kc
        self.sample = sample_of(name)
        self.pid = kernel_pid(km)
        self.times = {}
        self.cpu = {}
        self.rss = {}

    def drain(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except Empty:
                return

    def execute(self, code):
        msg_id = self.kc.execute(code)
        wait_reply(self.kc, msg_id)
        wait_idle(self.kc, msg_id)

    def complete(self):
        code, cursor = self.sample["complete"]
        wait_reply(self.kc, self.kc.complete(code, cursor))

    def kernel_info(self):
        wait_reply(self.kc, self.kc.kernel_info())


def take_turns(kernels, label, count, request, on_round=None):
    """`count` rounds of one `request` per kernel, in turns; records each kernel's times and CPU per request."""
    start_cpu = {k.name: cpu_seconds(k.pid) for k in kernels}
    for k in kernels:
        k.times[label] = []
    for i in range(count):
        for k in kernels:
            t = time.perf_counter()
            request(k)
            k.times[label].append(time.perf_counter() - t)
        if on_round:
            on_round(i + 1)
    for k in kernels:
        k.cpu[label] = (cpu_seconds(k.pid) - start_cpu[k.name]) / count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--cells", type=int, default=400)
    parser.add_argument("--kernels", default="java-async,python3")
    args = parser.parse_args()
    names = args.kernels.split(",")
    cells = max(args.cells, 200)
    load_before = os.getloadavg()

    infos = {n: [] for n in names}
    firsts = {n: [] for n in names}
    last = {}
    for i in range(args.launches):
        for name in names:
            km, kc, t_info, t_first = launch(name, sample_of(name))
            infos[name].append(t_info)
            firsts[name].append(t_first)
            if i < args.launches - 1:
                shutdown(km, kc)
            else:
                last[name] = (km, kc)

    # The last launched kernels serve the steady-state measurements.
    kernels = [Kernel(name, *last[name]) for name in names]
    time.sleep(2.0)  # let start-up work (JShell warm-up, JIT) settle, as a user's first pause would
    for k in kernels:
        k.drain()

    def record_rss(done):
        if done == 200 or done == cells:
            for k in kernels:
                k.rss[done] = rss_mb(k.pid)

    take_turns(kernels, "cell", cells, lambda k: k.execute(k.sample["cell"]), record_rss)
    take_turns(kernels, "empty", 200, lambda k: k.execute(k.sample["empty"]))
    take_turns(kernels, "complete", 100, Kernel.complete)
    take_turns(kernels, "info", 200, Kernel.kernel_info)
    load_after = os.getloadavg()
    for k in kernels:
        shutdown(k.km, k.kc)

    def ms(values):
        return statistics.median(values) * 1000

    results = {}
    for k in kernels:
        trivial = k.times["cell"][-200:]
        results[k.name] = {
            "info_s": statistics.median(infos[k.name]),
            "first_s": statistics.median(firsts[k.name]),
            "cell_ms": ms(trivial),
            "cell_p90_ms": sorted(trivial)[int(0.9 * len(trivial))] * 1000,
            "cell_cpu_ms": k.cpu["cell"] * 1000,
            "empty_ms": ms(k.times["empty"]),
            "empty_cpu_ms": k.cpu["empty"] * 1000,
            "complete_ms": ms(k.times["complete"]),
            "complete_cpu_ms": k.cpu["complete"] * 1000,
            "info_ms": ms(k.times["info"]),
            "info_cpu_ms": k.cpu["info"] * 1000,
            "rss_200_mb": k.rss[200],
            "rss_end_mb": k.rss[cells],
        }
    rows = [
        ("launch → kernel_info_reply (s, median of %d)" % args.launches, "info_s", "%.2f", "≤ python3"),
        ("launch → first `1 + 1` reply (s, median)", "first_s", "%.2f", ""),
        ("trivial cell `1 + 1` round trip (ms, median of last 200)", "cell_ms", "%.1f", "≤ 2 × python3"),
        ("trivial cell round trip (ms, p90)", "cell_p90_ms", "%.1f", ""),
        ("kernel CPU per trivial cell (ms, all %d)" % cells, "cell_cpu_ms", "%.2f", ""),
        ("empty cell `;` round trip (ms, median of 200)", "empty_ms", "%.1f", ""),
        ("kernel CPU per empty cell (ms)", "empty_cpu_ms", "%.2f", ""),
        ("complete_request (ms, median of 100)", "complete_ms", "%.1f", "≤ 2 × python3"),
        ("kernel CPU per complete_request (ms)", "complete_cpu_ms", "%.2f", ""),
        ("kernel_info round trip, protocol only (ms, median of 200)", "info_ms", "%.2f", ""),
        ("kernel CPU per kernel_info_request (ms)", "info_cpu_ms", "%.2f", ""),
        ("RSS after 200 trivial cells (MB)", "rss_200_mb", "%.0f", ""),
        ("RSS after %d trivial cells (MB)" % cells, "rss_end_mb", "%.0f", "≤ 160 after 400"),
    ]
    print("Load average (1, 5, 15 min): %.1f %.1f %.1f before, %.1f %.1f %.1f after" % (load_before + load_after))
    print()
    print("| measure | " + " | ".join(names) + " | target (java-async) |")
    print("|---|" + "---|" * len(names) + "---|")
    for label, key, fmt, target in rows:
        print("| %s | %s | %s |" % (label, " | ".join(fmt % results[n][key] for n in names), target))


if __name__ == "__main__":
    main()
