"""Magics through the real kernel: %lsmagic, errors, %%time, %%timeline, %tasks/%cancel, %classpath, progressGather."""
import base64
import re
import time
import unittest
from queue import Empty

from kernel_support import KernelTestCase, execute, stream_text


def wall_seconds(text):
    """The seconds of IPython's 'Wall time: 2.01 s' line (ms, µs and ns too)."""
    m = re.search(r"Wall time: ([0-9.]+) (s|ms|µs|ns)\b", text)
    if not m:
        raise AssertionError("no wall time in %r" % text)
    return float(m.group(1)) / {"s": 1, "ms": 1e3, "µs": 1e6, "ns": 1e9}[m.group(2)]


def displays(outputs):
    """The displays a cell made itself: not the background displays of earlier cells (ids bg-...), which the kernel
    re-sends while their tasks run so that clients listening only to the running cell keep them up to date."""
    return [m for m in outputs if m["msg_type"] in ("display_data", "update_display_data")
            and not m["content"].get("transient", {}).get("display_id", "").startswith("bg-")]


class Dispatch(KernelTestCase):

    def test_lsmagic_lists_every_magic(self):
        reply, outputs = execute(self.kc, "%lsmagic")
        self.assertEqual(reply["status"], "ok")
        text = stream_text(outputs)
        for name in ("%cancel", "%classpath", "%lsmagic", "%maven", "%tasks", "%time", "%%time", "%%timeline"):
            self.assertIn(name, text)

    def test_an_unknown_magic_is_an_error_output_and_the_kernel_carries_on(self):
        reply, outputs = execute(self.kc, "%nosuchmagic\nSystem.out.println(\"not run\");")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "UsageError")
        self.assertIn("Known magics: %cancel", reply["evalue"])
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertNotIn("not run", stream_text(outputs))
        reply, _ = execute(self.kc, "1 + 1")
        self.assertEqual(reply["status"], "ok")

    def test_java_after_line_magics_keeps_its_line_numbers(self):
        reply, outputs = execute(self.kc, "%lsmagic\n\nint broken = ;")
        self.assertEqual(reply["status"], "error")
        self.assertIn("line 3", "\n".join(reply["traceback"]))


class Timing(KernelTestCase):

    def test_time_shows_sync_six_vs_async_two(self):
        # Three 1 s steps, one after the other, then all at once: the wall times tell them apart.
        reply, outputs = execute(self.kc, "%%time\nfor (int i = 0; i < 3; i++) await(sleep(1));")
        self.assertEqual(reply["status"], "ok")
        sync = wall_seconds(stream_text(outputs))
        reply, outputs = execute(self.kc, "%%time\nawait(gather(sleep(1), sleep(1), sleep(1)));")
        self.assertEqual(reply["status"], "ok")
        text = stream_text(outputs)
        self.assertRegex(text, r"CPU times: total: [0-9.]+ (s|ms|µs|ns)\nWall time: ")
        concurrent = wall_seconds(text)
        self.assertGreaterEqual(sync, 3.0)
        self.assertGreaterEqual(concurrent, 1.0)
        self.assertLess(concurrent, 2.0, "three concurrent 1 s sleeps took %.2f s" % concurrent)

    def test_line_time_shows_the_value(self):
        reply, outputs = execute(self.kc, "%time 6 * 7")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")
        self.assertIn("Wall time: ", stream_text(outputs))

    def test_timeline_draws_the_cell_and_its_tasks_as_svg(self):
        reply, outputs = execute(self.kc, "%%timeline async\nawait(gather(sleep(0.5), sleep(0.5), sleep(0.5)));")
        self.assertEqual(reply["status"], "ok")
        shown = displays(outputs)
        self.assertEqual(len(shown), 1)
        data = shown[0]["content"]["data"]
        self.assertTrue(data["image/svg+xml"].startswith("<svg"))
        rows = data["text/plain"].splitlines()[1:]
        self.assertEqual(len(rows), 4, data["text/plain"])  # the cell's task and the three sleeps
        self.assertTrue(all(r.endswith(" done") for r in rows), data["text/plain"])
        span = float(re.search(r"\(([0-9.]+) s\)", data["text/plain"].splitlines()[0]).group(1))
        self.assertLess(span, 1.5, data["text/plain"])

    def test_timeline_leaves_jshell_compiling_the_cell_out_of_the_picture(self):
        # JShell compiles a cell's statements inside the cell's task; a class of 60 methods takes a good fraction of
        # a second (more on a busy machine). That is the kernel's work: the picture starts where the cell's own code
        # runs, so the two tasks start at its left edge and the cell's row shows no running time for the compile.
        methods = "\n".join("  int m%d(int x) { return x * %d + (x > %d ? m%d(x - 1) : %d); }" % (i, i, i, max(i - 1, 0), i)
                            for i in range(60))
        code = "%%timeline\nclass Big {\n" + methods + "\n}\nawait(gather(sleep(0.3), sleep(0.3)));"
        reply, outputs = execute(self.kc, code, timeout=60)
        self.assertEqual(reply["status"], "ok", reply)
        text = displays(outputs)[0]["content"]["data"]["text/plain"]
        rows = [re.match(r"\s*(\S+)\s+([0-9.]+)–([0-9.]+) s\s+running ([0-9.]+) s", r) for r in text.splitlines()[1:]]
        self.assertEqual(len(rows), 3, text)
        self.assertLess(float(rows[0].group(4)), 0.1, text)  # the cell's own code: creating two tasks, awaiting
        for task in rows[1:]:
            self.assertLess(float(task.group(2)), 0.25, text)  # created as soon as the cell's code ran

    def test_timeline_draws_a_task_that_holds_the_loop_as_running_and_the_ticker_as_waiting(self):
        # A real busy loop: one step of at least a second of wall time, during which the ticker cannot run.
        code = ("%%timeline\n"
                "void spin(double s) { long end = System.nanoTime() + (long) (s * 1e9); while (System.nanoTime() < end) {} }\n"
                "await(gather(createTask(async(() -> { for (int i = 0; i < 5; i++) await(sleep(0.2)); }), \"ticker\"),\n"
                "             createTask(async(() -> spin(1.0)), \"cpu-work\")));")
        reply, outputs = execute(self.kc, code, timeout=60)
        self.assertEqual(reply["status"], "ok", reply)
        data = displays(outputs)[0]["content"]["data"]
        rows = {r.split()[0]: r for r in data["text/plain"].splitlines()[1:]}
        cpu = re.match(r"\s*cpu-work\s+([0-9.]+)–([0-9.]+) s\s+running ([0-9.]+) s\s+done$", rows["cpu-work"])
        self.assertIsNotNone(cpu, data["text/plain"])
        start, end, running = (float(g) for g in cpu.groups())
        self.assertGreaterEqual(running, 1.0, data["text/plain"])  # the busy loop ran a full second of wall time
        self.assertLessEqual(running, end - start + 0.0015, data["text/plain"])
        ticker = re.match(r"\s*ticker\s+\S+ s\s+running ([0-9.]+) s\s+done$", rows["ticker"])
        self.assertLess(float(ticker.group(1)), 0.5, data["text/plain"])  # it mostly waited
        # The picture agrees: a running bar for cpu-work covering at least 1 s of the axis.
        svg = data["image/svg+xml"]
        span = float(re.search(r"\(([0-9.]+) s\)", data["text/plain"].splitlines()[0]).group(1))
        y = int(re.search(r'<text x="4" y="(\d+)">cpu-work</text>', svg).group(1)) - 15
        bars = [float(w) for w in re.findall(
            r'<rect x="[0-9.]+" y="%d" width="([0-9.]+)" height="14" fill="#2f7ed8"[^>]*/>' % (y + 3), svg)]
        self.assertTrue(bars and max(bars) >= 560 * 1.0 / span - 1, (bars, span))
        # And the HTML part shows that same SVG as an image, for exports that strip inline SVG.
        html = re.fullmatch(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" width="\d+" height="\d+" '
                            r'alt="[^"]*">', data["text/html"])
        self.assertIsNotNone(html, data["text/html"][:200])
        self.assertEqual(base64.b64decode(html.group(1)).decode("utf-8"), svg)


class Tasks(KernelTestCase):

    def late_text(self, msg_id, needle, timeout=10):
        """Text of iopub messages for an earlier request, read until `needle` shows up."""
        deadline = time.monotonic() + timeout
        seen = ""
        stash = getattr(self.kc, "_iopub_stash", {})
        while time.monotonic() < deadline:
            for m in stash.pop(msg_id, []):
                seen += str(m["content"])
            if needle in seen:
                return seen
            try:
                m = self.kc.get_iopub_msg(timeout=0.2)
            except Empty:
                continue
            if m["parent_header"].get("msg_id") == msg_id:
                seen += str(m["content"])
        return seen

    def test_tasks_lists_a_background_task_and_cancel_stops_it_after_its_cleanup(self):
        code = ('var bg = createTask(async(() -> { try { await(sleep(120)); } '
                'finally { await(sleep(0.1)); System.out.println("bg cleaned up"); } }), "bg");')
        msg_id = self.kc.execute(code)
        reply, _ = execute(self.kc, "0")  # the background cell's own messages wait in the stash
        reply, outputs = execute(self.kc, "%tasks")
        table = displays(outputs)[0]["content"]["data"]
        line = [l for l in table["text/plain"].splitlines() if l.startswith("bg ")]
        self.assertEqual(len(line), 1, table["text/plain"])
        self.assertRegex(line[0], r"^bg\s+waiting\s+In \[\d+\]\s+\S+ \S+\s+sleep\(120\.0\)$")
        self.assertIn("<table>", table["text/html"])
        reply, outputs = execute(self.kc, "%cancel bg")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "Cancelled 1 task: bg.\n")
        self.assertIn("bg cleaned up", self.late_text(msg_id, "bg cleaned up"))
        reply, outputs = execute(self.kc, "%tasks")
        self.assertNotIn("bg ", displays(outputs)[0]["content"]["data"]["text/plain"])

    def test_cancel_of_an_unknown_name_says_so(self):
        reply, outputs = execute(self.kc, "%cancel nobody")
        self.assertEqual(stream_text(outputs), "No live task named nobody; %tasks lists them.\n")


class Classpath(KernelTestCase):

    def test_a_jar_added_with_classpath_is_importable_in_the_same_cell(self):
        build = (
            'var dir = Files.createTempDirectory("magic-jar");\n'
            'var src = dir.resolve("Hello.java");\n'
            'Files.writeString(src, "package demo.py; public class Hello { public static String hi() {'
            ' return \\"hi from a jar\\"; } }");\n'
            'int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",'
            ' dir.resolve("classes").toString(), src.toString());\n'
            'try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(dir.resolve("hello.jar")))) {\n'
            '  out.putNextEntry(new java.util.jar.JarEntry("demo/py/Hello.class"));\n'
            '  out.write(Files.readAllBytes(dir.resolve("classes/demo/py/Hello.class")));\n'
            '  out.closeEntry();\n'
            '}\n'
            'dir.resolve("hello.jar").toString()')
        reply, outputs = execute(self.kc, build, timeout=60)
        self.assertEqual(reply["status"], "ok", reply)
        jar = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"].strip('"')
        reply, outputs = execute(self.kc, "%classpath " + jar + "\nimport demo.py.Hello;\nHello.hi()")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(stream_text(outputs), "Added to the class path:\n  " + jar + "\n")
        result = [m for m in outputs if m["msg_type"] == "execute_result"][0]
        self.assertEqual(result["content"]["data"]["text/plain"], '"hi from a jar"')


class ProgressDisplay(KernelTestCase):

    def test_progress_gather_updates_one_display_in_place_until_done(self):
        code = ('var work = new ArrayList<Coroutine<Integer>>();\n'
                'for (int i = 1; i <= 30; i++) { int k = i; work.add(async(() -> await(sleep(0.04 * k, k)))); }\n'
                'await(progressGather("work", work)).size()')
        reply, outputs = execute(self.kc, code)
        self.assertEqual(reply["status"], "ok")
        shown = displays(outputs)
        self.assertEqual(shown[0]["msg_type"], "display_data")
        display_id = shown[0]["content"]["transient"]["display_id"]
        updates = shown[1:]
        self.assertTrue(updates and all(m["msg_type"] == "update_display_data" for m in updates))
        self.assertTrue(all(m["content"]["transient"]["display_id"] == display_id for m in updates))
        self.assertLessEqual(len(updates), 1.2 * 10 + 2, "updates are throttled to 10 a second")
        final = updates[-1]["content"]["data"]
        self.assertRegex(final["text/plain"], r"^work █+ 30/30 done, [0-9.]+ s$")
        self.assertIn("30/30 done", final["text/html"])


if __name__ == "__main__":
    unittest.main()
