"""Output streams while a cell runs, in order, UTF-8 safe, and is capped per cell."""
import time
import unittest

from kernel_support import KernelTestCase, collect_outputs, execute, kernel_pid, rss_mb, shell_reply, stream_text


class Streaming(KernelTestCase):

    def test_a_line_every_200ms_arrives_every_200ms(self):
        code = 'for (int i = 0; i < 8; i++) { System.out.println("tick " + i); Thread.sleep(200); }'
        msg_id = self.kc.execute(code)
        stamped = collect_outputs(self.kc, msg_id, timeout=30, stamp=True)
        shell_reply(self.kc, msg_id)
        ticks = [t for t, m in stamped if m["msg_type"] == "stream" and "tick" in m["content"]["text"]]
        self.assertGreaterEqual(len(ticks), 6, "lines were batched: %d stream messages" % len(ticks))
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        median = sorted(gaps)[len(gaps) // 2]
        self.assertTrue(0.1 < median < 0.4, "median gap %.3fs" % median)
        text = "".join(m["content"]["text"] for _, m in stamped if m["msg_type"] == "stream")
        self.assertEqual(text, "".join("tick %d\n" % i for i in range(8)))

    def test_interleaved_stdout_and_stderr_keep_their_order_and_nothing_is_lost(self):
        code = ('for (int i = 0; i < 2000; i++) { (i % 2 == 0 ? System.out : System.err).println("n" + i); }')
        reply, outputs = execute(self.kc, code)
        self.assertEqual(reply["status"], "ok")
        lines = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream").splitlines()
        self.assertEqual(lines, ["n%d" % i for i in range(2000)])

    def test_unicode_survives(self):
        reply, outputs = execute(self.kc, 'System.out.print("é€😀 ünïcödé\\n");')
        self.assertEqual(stream_text(outputs), "é€😀 ünïcödé\n")


class PrintedStackTraces(KernelTestCase):
    """A trace that cell code prints itself reads like the kernel's own: cell frames at their cell and line, nothing
    of JShell's wrapper or the kernel below them."""

    def test_print_stack_trace_names_the_cells_method_and_line_and_stops_at_the_cell(self):
        define, _ = execute(self.kc, 'void failDeep() {\n    java.util.List.of(1).get(5);\n}')
        self.assertEqual(define["status"], "ok")
        reply, outputs = execute(self.kc, 'try {\n    failDeep();\n} catch (RuntimeException e) {\n'
                                          '    e.printStackTrace();\n}')
        self.assertEqual(reply["status"], "ok")
        err = stream_text(outputs, "stderr")
        n = define["execution_count"]
        self.assertIn("java.lang.IndexOutOfBoundsException", err)
        self.assertIn(f"\tat failDeep(cell {n}, line 2)\n", err)
        self.assertIn(f"\tat <cell>(cell {n + 1}, line 2)\n", err)
        self.assertNotIn("$JShell$", err)
        self.assertNotIn("org.javaasync.kernel", err)
        self.assertTrue(err.rstrip("\n").endswith(f"<cell>(cell {n + 1}, line 2)"), err)

    def test_a_trace_printed_by_an_async_method_leaves_out_the_rewrites_lambdas(self):
        define, _ = execute(self.kc, 'async void brokenStep() {\n    await sleep(0.01);\n'
                                     '    throw new IllegalStateException("step failed");\n}')
        self.assertEqual(define["status"], "ok")
        reply, outputs = execute(self.kc, 'try { await brokenStep(); } catch (IllegalStateException e) '
                                          '{ e.printStackTrace(System.out); }')
        self.assertEqual(reply["status"], "ok")
        out = stream_text(outputs, "stdout")
        self.assertIn("java.lang.IllegalStateException: step failed", out)
        self.assertIn(f"\tat brokenStep(cell {define['execution_count']}, line 3)\n", out)
        self.assertNotIn("lambda$", out)
        self.assertNotIn("$JShell$", out)


class LateOutput(KernelTestCase):

    def test_output_after_the_cell_finished_lands_in_a_display_of_that_cell(self):
        # A stream after the cell's idle is dropped or shown in another cell by most frontends; a display of the
        # cell, opened for it and then updated, is shown in that cell by all of them.
        code = ('new Thread(() -> { try { Thread.sleep(500); } catch (InterruptedException e) { }'
                ' System.out.println("late line"); }).start();')
        reply, _ = execute(self.kc, code)
        self.assertEqual(reply["status"], "ok")
        first_id = self.kc.last_idle["parent_header"]["msg_id"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=30)
            self.assertNotEqual(msg["msg_type"], "stream", msg)
            if msg["msg_type"] in ("display_data", "update_display_data") \
                    and "late line" in msg["content"]["data"]["text/plain"]:
                self.assertEqual(msg["parent_header"]["msg_id"], first_id)
                return
        self.fail("the late line never arrived")


class OutputOfThreadsACellStarts(KernelTestCase):
    """Work a cell hands to other threads prints into that cell, however late, never into the cell that runs then."""

    def test_threads_executors_and_completable_futures_print_into_the_cell_that_started_them(self):
        cell1 = ('var pool = Executors.newFixedThreadPool(2);\n'
                 'new Thread(() -> { try { Thread.sleep(1500); } catch (InterruptedException e) { }\n'
                 '    System.out.println("from a thread"); }).start();\n'
                 'pool.submit(() -> { try { Thread.sleep(1500); } catch (InterruptedException e) { }\n'
                 '    System.out.println("from a pool"); });\n'
                 'CompletableFuture.runAsync(() -> { try { Thread.sleep(1500); } catch (InterruptedException e) { }\n'
                 '    System.out.println("from runAsync"); });')
        reply, _ = execute(self.kc, cell1)
        self.assertEqual(reply["status"], "ok")
        first = self.kc.last_idle["parent_header"]["msg_id"]
        second = self.kc.execute('Thread.sleep(4000);\n'
                                 'pool.submit(() -> System.out.println("cell 2 uses the pool")).get();\n'
                                 'pool.shutdown();')
        messages = []
        deadline = time.monotonic() + 12
        while time.monotonic() < deadline:
            try:
                messages.append(self.kc.get_iopub_msg(timeout=0.5))
            except Exception:
                continue
        ids_of_cell1 = {m["content"]["transient"]["display_id"] for m in messages
                        if m["msg_type"] == "display_data" and m["parent_header"].get("msg_id") == first
                        and m["content"].get("transient", {}).get("display_id")}

        def text(m):
            if m["msg_type"] == "stream":
                return m["content"]["text"]
            if m["msg_type"] in ("display_data", "update_display_data"):
                return m["content"]["data"].get("text/plain", "")
            return ""

        def in_cell1(m):
            return m["parent_header"].get("msg_id") == first or (
                m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] in ids_of_cell1)

        cell1_text = "".join(text(m) for m in messages if in_cell1(m))
        cell2_text = "".join(text(m) for m in messages
                             if m["parent_header"].get("msg_id") == second and not in_cell1(m))
        for line in ("from a thread", "from a pool", "from runAsync"):
            self.assertIn(line, cell1_text)
            self.assertNotIn(line, cell2_text)
        self.assertIn("cell 2 uses the pool", cell2_text)
        self.assertNotIn("cell 2 uses the pool", cell1_text)


class LargeOutput(KernelTestCase):

    def test_100_mb_is_truncated_with_a_notice_and_the_kernel_stays_small(self):
        code = ('var line = "x".repeat(1023);\n'
                'for (int i = 0; i < 100 * 1024; i++) { System.out.println(line); }')
        t0 = time.monotonic()
        reply, outputs = execute(self.kc, code, timeout=120)
        elapsed = time.monotonic() - t0
        self.assertEqual(reply["status"], "ok")
        out = stream_text(outputs, "stdout")
        self.assertLessEqual(len(out), 2 * 1024 * 1024)
        self.assertIn("output truncated", stream_text(outputs, "stderr"))
        self.assertLess(elapsed, 60)
        self.assertLess(rss_mb(kernel_pid(self.km)), 1024)
        self.assertEqual(execute(self.kc, "1 + 1")[0]["status"], "ok")

    def test_the_limit_can_be_raised_from_a_cell(self):
        execute(self.kc, 'System.setProperty("javaasync.output.limit", "100");')
        try:
            reply, outputs = execute(self.kc, 'System.out.print("y".repeat(500));')
            self.assertEqual(len(stream_text(outputs, "stdout")), 100)
        finally:
            execute(self.kc, 'System.clearProperty("javaasync.output.limit");')


class Displays(KernelTestCase):

    def test_update_display_reaches_the_display_by_id(self):
        reply, outputs = execute(self.kc, 'var id = display("first");\nupdateDisplay(id, "second");')
        types = [m["msg_type"] for m in outputs]
        self.assertIn("display_data", types)
        self.assertIn("update_display_data", types)
        shown = next(m for m in outputs if m["msg_type"] == "display_data")
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"
                   and m["content"]["transient"]["display_id"] == shown["content"]["transient"]["display_id"]]
        self.assertEqual(len(updates), 1, outputs)
        self.assertIn("second", updates[0]["content"]["data"]["text/plain"])
        self.assertNotIn("bg-", " ".join(str(m["content"].get("transient")) for m in outputs),
                         "no earlier cell left a display: none started a task")


if __name__ == "__main__":
    unittest.main()
