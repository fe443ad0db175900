"""The lessons, executed top to bottom through the real java-async kernel with a real client (nbclient).

Each lesson is built from notebooks/src/NAME.md and executed once per test run (in setUpClass); three kinds of
checks share that execution:
  * no error output except in cells tagged `raises-exception`, which must produce one;
  * the timings that the concurrency cells print are within 10% of what the seed claims, and the totals of
    requests over localhost within the bounds the lesson states;
  * the committed notebooks/NAME.ipynb holds exactly this execution's outputs, once times, addresses, ports
    and hash codes are normalized.
The kernel comes from JUPYTER_PATH (scripts/test.sh installs this checkout into a temporary prefix).
Run one lesson: LESSONS=05-最佳实践总结 python3 -m unittest discover -s notebooks/tests -p 'test_lessons.py'
"""
import base64
import os
import re
import sys
import time
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(NOTEBOOKS, "tools"))
import run_lessons  # noqa: E402

KERNEL = os.environ.get("JAVA_ASYNC_KERNEL_NAME", "java-async")
CELL_TIMEOUT = 300

# (cell id, regex whose group 1 is the printed seconds, the seed's claim in seconds). One line per match, in order.
TIMINGS = {
    "01-异步编程概念": [
        ("c04", r"所有数据获取完成，耗时: ([\d.]+)秒", [3.0]),      # gather of 2, 3 and 1 s
        ("c09", r"总耗时: ([\d.]+)秒", [3.0]),
        ("c12", r"耗时: ([\d.]+)秒", [3.0]),                        # three local HTTP requests, the slowest 3 s
        ("c20", r"同步方式耗时: ([\d.]+)秒", [6.0]),                 # three 2 s requests, one after the other
        ("c20", r"异步方式耗时: ([\d.]+)秒", [2.0]),                 # ... and concurrently
    ],
    "02-完整教程": [
        ("c01", r"总耗时: ([\d.]+) 秒", [6.0]),
        ("c02", r"总耗时: ([\d.]+) 秒", [2.0]),
        ("c08", r"顺序执行耗时: ([\d.]+) 秒", [2.0]),
        ("c08", r"并发执行耗时: ([\d.]+) 秒", [1.0]),
        ("c12", r"总耗时: ([\d.]+) 秒", [2.0]),                     # wait for the longest of 0.5, 2 and 1 s
        ("c27", r"总耗时: ([\d.]+) 秒", [3.0]),                     # Semaphore(2), five 1 s workers
        ("c30", r"同步执行耗时: ([\d.]+) 秒", [5.0]),
        ("c31", r"多线程执行耗时: ([\d.]+) 秒", [1.0]),
        ("c32", r"异步执行耗时: ([\d.]+) 秒", [1.0]),
        ("c33", r"总耗时: ([\d.]+) 秒", [1.5]),                     # HTTP: 1, 1.5 and 0.8 s, concurrently
        ("c36", r"总耗时: ([\d.]+) 秒", [1.0]),
        ("c39", r"串行耗时: ([\d.]+) 秒", [2.0]),
        ("c39", r"并发耗时: ([\d.]+) 秒", [1.0]),
        ("c41", r"总耗时: ([\d.]+) 秒", [4.0]),                     # Semaphore(3) over ten 1 s tasks
    ],
    "03-异步编程模式": [
        ("c02", r"总耗时: ([\d.]+) 秒", [1.0]),                     # gather of three 1 s calls
        ("c03", r"总耗时: ([\d.]+) 秒", [2.0]),                     # tasks of 2, 1 and 1.5 s
        ("c12", r"总耗时: ([\d.]+) 秒", [4.0]),                     # Semaphore(3) over ten 1 s fetches
        ("c14", r"总耗时: ([\d.]+) 秒", [2.0]),                     # waitFor(..., 2.0) of a 5 s operation
        ("c17", r"总耗时: ([\d.]+) 秒", [4.0]),                     # five 2 s blocking calls on 3 threads
    ],
    "04-陷阱和最佳实践": [
        ("ex-trap2", r"耗时:([\d.]+)秒", [3.0, 1.0, 1.0]),         # CPU work blocks; Thread.sleep and sleep do not
    ],
}

# Timings of requests over localhost that the seed does not time (its cells fetch pages and print no duration): the
# lesson's own server makes each request wait a fixed time, and the lesson states what the concurrent total shows. At
# least that wait (the slowest request), and less than two requests' worth, which is the proof of concurrency (one
# after the other they take the sum). Connection set-up and thread scheduling add to the wait, more on a busy
# machine, so these totals are checked against the bounds the lesson states, not against 10% of the wait.
# (cell id, regex whose group 1 is the printed seconds, at least, less than).
HTTP_TIMINGS = {
    "03-异步编程模式": [
        ("c19", r"总耗时: ([\d.]+) 秒", 0.5, 1.0),                  # three 0.5 s requests at once
    ],
    "05-最佳实践总结": [
        ("e05", r"耗时: ([\d.]+)秒", 1.0, 2.0),                      # five 1 s pages crawled at once
        ("e06", r"三个请求耗时: ([\d.]+)秒", 0.5, 1.0),              # three 0.5 s handlers served at once
    ],
}

# What legitimately differs between two executions of the same notebook.
# Lookarounds instead of \b: in Unicode patterns 秒 is a word character, so "3.0秒" has no boundary after 0.
NORMALIZE = [
    # Debug mode's slow-step report shows a stack *sampled* while the task ran: where a busy loop was is chance.
    (re.compile(r"(while it was running, it was at:\n)(?:[ \t]+at [^\n]*\n?)+"), r"\1<sampled stack>\n"),
    # A printed stack trace's frames outside the cell's code (the JDK's, the kernel's, the runtime's) change with
    # any refactoring or JDK update; the user's frames, with their lines, are what the lesson shows: as the JDK
    # prints them (jshell-snippets//REPL...) or as the kernel does (fetch(cell 2, line 5), check(cell code)).
    (re.compile(r"(?:[ \t]+at (?!jshell-snippets//)(?![^\n(]*\((?:cell |line \d))[^\n]*(?:\n|$))+"),
     "\t<library frames>\n"),
    (re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"), "<date>"),                         # dates in log lines
    (re.compile(r"(?<!\d)\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?!\d)"), "<clock>"),              # wall-clock times
    (re.compile(r"(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):\d+"), "<host:port>"),  # ephemeral ports
    (re.compile(r"(?i)(?<![a-z])port\s*[:=]?\s*\d+"), "port <port>"),
    (re.compile(r"@[0-9a-f]{4,}(?![0-9a-z])"), "@<hash>"),                          # Object.toString hash codes
    (re.compile(r"(?<![0-9a-z])0x[0-9a-f]+"), "<address>"),
    (re.compile(r"#\d+"), "#<id>"),                                                 # thread ids
    (re.compile(r"\$JShell\$\d+"), "$JShell$<n>"),          # snippet classes: numbered after the warm-up's
    (re.compile(r"/tmp/[^\s\"'<>)]+"), "<tmp>"),                                     # temp files and dirs
    (re.compile(r"(?<![\d.,])\d+(?:\.\d+)?\s*(?:ms|µs|ns)(?![a-z])"), "<duration>"),     # ages in %tasks
    (re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"), "<count>"),                # work done in a time slice
    (re.compile(r"(?<![\d.])\d+\.\d+(?:E-?\d+)?(?![\d.])"), "<num>"),                # durations, measured times
    (re.compile(r"约 ?\d+ ?倍"), "约 <n> 倍"),                                       # speed-ups: ratios of times
    (re.compile(r" {2,}"), " "),                                      # table columns padded to measured widths
]


def normalize(text):
    for pattern, replacement in NORMALIZE:
        text = pattern.sub(replacement, text)
    return text


def unordered(outputs):
    """For cells tagged unordered-output: lines printed by concurrent threads or tasks whose relative timing varies
    from run to run (a pool's jobs, file writes finishing, producers and consumers waking together) come in an order
    no scheduler fixes, and the counts they print (queue sizes, concurrency) depend on that order; so each stream is
    compared as the multiset of its lines with their numbers masked: the words of every line must still match."""
    return [(kind, "\n".join(sorted(re.sub(r"\d+", "<n>", line) for line in text.splitlines()))
             if kind.startswith("stream:") else text)
            for kind, text in outputs]


# Debug mode's report of a task's step or a callback (`Executing Handle[...]`) that held the loop past its threshold
# (100 ms). Whether a step of 20 ms crosses it
# depends on the machine's load (a busy machine stretches any step), so reports are load-dependent diagnostics and
# left out of the comparison; the lesson cells whose point is such a report are checked for it by name
# (EXPECTED_SLOW_STEP_REPORTS).
SLOW_STEP_REPORT = re.compile(
    r"Executing [^\n]* took [\d.]+ seconds: it blocked the event loop[^\n]*\n"
    r"(?:  (?:while it was running, it was at|the task is now suspended at):\n(?:[ \t]+at [^\n]*(?:\n|$))*)?")

# (lesson, cell id, task name): cells that exist to show debug mode reporting a task that holds the loop.
EXPECTED_SLOW_STEP_REPORTS = [("04-陷阱和最佳实践", "trap3-cpu", "cpu-work"),
                              ("04-陷阱和最佳实践", "debug-reports", "slow-step")]

TIMELINE_IMAGE = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"[^>]*>')


def timeline_labels(svg):
    """A timeline's rows and labels: its geometry is measured time, its rows and labels are not."""
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return " | ".join(l for l in labels if not re.fullmatch(r"[\d.]+ s", l))  # axis ticks follow the span


def comparable_outputs(cell):
    """A cell's outputs as normalized text, consecutive stream chunks of one stream joined."""
    out = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            text = SLOW_STEP_REPORT.sub("", o.text) if o.name == "stderr" else o.text
            if not text:
                continue
            if out and out[-1][0] == "stream:" + o.name:
                out[-1] = (out[-1][0], out[-1][1] + text)
            else:
                out.append(("stream:" + o.name, text))
        elif o.output_type == "error":
            out.append(("error", o.ename + ": " + o.evalue))
        else:
            data = o.get("data", {})
            for mime in sorted(data):
                value = data[mime]
                text = value if isinstance(value, str) else repr(value)
                if mime == "image/svg+xml":
                    text = timeline_labels(text)
                elif mime == "text/html" and TIMELINE_IMAGE.match(text):  # the same timeline, as an image
                    text = timeline_labels(base64.b64decode(TIMELINE_IMAGE.match(text).group(1)).decode("utf-8"))
                out.append((o.output_type + ":" + mime, text))
    return [(kind, normalize(text)) for kind, text in out]


class LessonCase(unittest.TestCase):
    """One lesson, executed once for all of its tests."""
    name = None

    @classmethod
    def setUpClass(cls):
        started = time.monotonic()
        cls.fresh = run_lessons.execute(run_lessons.build(cls.name), KERNEL, CELL_TIMEOUT)
        print(f"\n{cls.name}: executed in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)

    def cell(self, cell_id):
        return next(c for c in self.fresh.cells if c.get("id") == cell_id)

    def test_runs_top_to_bottom_with_errors_only_in_cells_tagged_raises_exception(self):
        not_run = [c.id for c in self.fresh.cells if c.cell_type == "code" and c.execution_count is None]
        self.assertEqual(not_run, [], "cells the kernel never executed")
        self.assertEqual(run_lessons.problems_of(self.fresh), [])

    def test_printed_timings_are_within_ten_percent_of_the_seeds_claims(self):
        checks = TIMINGS.get(self.name)
        if not checks:
            self.skipTest("this lesson prints no timing the seed makes a claim about")
        for cell_id, pattern, claims in checks:
            with self.subTest(cell=cell_id, pattern=pattern):
                text = "".join(o.text for o in self.cell(cell_id).outputs if o.output_type == "stream")
                printed = [float(m) for m in re.findall(pattern, text)]
                self.assertEqual(len(printed), len(claims), f"cell {cell_id} printed {text!r}")
                for seconds, claim in zip(printed, claims):
                    # + 1e-9: a printed 1.1 against 1.0 is exactly 10%, not 0.10000000000000009
                    self.assertAlmostEqual(seconds, claim, delta=0.1 * claim + 1e-9, msg=f"cell {cell_id}: {text!r}")

    def check_http_timings_are_within_the_bounds_the_lesson_states(self):
        """Added as a test to the lessons that time requests over localhost (load_tests)."""
        checks = HTTP_TIMINGS.get(self.name)
        self.assertTrue(checks)
        for cell_id, pattern, at_least, less_than in checks:
            with self.subTest(cell=cell_id, pattern=pattern):
                text = "".join(o.text for o in self.cell(cell_id).outputs if o.output_type == "stream")
                printed = [float(m) for m in re.findall(pattern, text)]
                self.assertEqual(len(printed), 1, f"cell {cell_id} printed {text!r}")
                self.assertGreaterEqual(printed[0], at_least, f"cell {cell_id}: {text!r}")
                self.assertLess(printed[0], less_than, f"cell {cell_id}: {text!r}")

    def check_cells_that_show_a_task_holding_the_loop_get_debug_modes_report(self):
        """Added as a test to the lessons that have such cells (load_tests)."""
        expected = [(cell, task) for lesson, cell, task in EXPECTED_SLOW_STEP_REPORTS if lesson == self.name]
        self.assertTrue(expected)
        for cell_id, task in expected:
            with self.subTest(cell=cell_id):
                stderr = "".join(o.text for o in self.cell(cell_id).outputs
                                 if o.output_type == "stream" and o.name == "stderr")
                self.assertRegex(stderr, r"Executing <Task %s> took [\d.]+ seconds: it blocked the event loop"
                                 % re.escape(task))

    def test_committed_notebook_holds_this_kernels_outputs(self):
        path = os.path.join(NOTEBOOKS, self.name + ".ipynb")
        self.assertTrue(os.path.exists(path), f"{path} is not committed; run notebooks/tools/run_lessons.py --save")
        saved = nbformat.read(path, as_version=4)
        self.assertEqual([(c.get("id"), c.source) for c in saved.cells],
                         [(c.get("id"), c.source) for c in self.fresh.cells],
                         "the committed notebook was built from an older source; re-run run_lessons.py --save")
        for saved_cell, fresh_cell in zip(saved.cells, self.fresh.cells):
            if fresh_cell.cell_type == "code":
                with self.subTest(cell=fresh_cell.id):
                    saved_out, fresh_out = comparable_outputs(saved_cell), comparable_outputs(fresh_cell)
                    if "unordered-output" in fresh_cell.metadata.get("tags", []):
                        saved_out, fresh_out = unordered(saved_out), unordered(fresh_out)
                    self.assertEqual(saved_out, fresh_out)


def lesson_names():
    wanted = os.environ.get("LESSONS", "").split()
    return run_lessons.sources(wanted)


def load_tests(loader, standard_tests, pattern):
    suite = unittest.TestSuite()
    for name in lesson_names():
        attrs = {"name": name}
        if any(lesson == name for lesson, _, _ in EXPECTED_SLOW_STEP_REPORTS):
            attrs["test_cells_that_show_a_task_holding_the_loop_get_debug_modes_report"] = \
                LessonCase.check_cells_that_show_a_task_holding_the_loop_get_debug_modes_report
        if name in HTTP_TIMINGS:
            attrs["test_http_timings_are_within_the_bounds_the_lesson_states"] = \
                LessonCase.check_http_timings_are_within_the_bounds_the_lesson_states
        case = type(f"Lesson_{name}", (LessonCase,), attrs)
        suite.addTests(loader.loadTestsFromTestCase(case))
    return suite


if __name__ == "__main__":
    unittest.main()
