"""What a cell leaves behind is reported as asyncio reports it, when the object is freed, and never while the session
holds it: "coroutine ... was never awaited" and "Task exception was never retrieved", shown in the cell whose work
made them, before that cell's reply (the kernel collects when the cell ends), and the loop's other errors (a failing
callback) in the cell that scheduled the work.
"""
import unittest

from kernel_support import collect_outputs, execute, shell_reply, stream_text
from test_background_output import BackgroundCase, background_display

NEVER_AWAITED = "RuntimeWarning: coroutine 'hello' was never awaited (did you forget 'await'?)\n"


class NeverAwaited(BackgroundCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        execute(cls.kc, 'async String hello(String name) { return "hello " + name; }')

    def test_a_coroutine_kept_in_a_variable_is_not_reported_and_is_awaited_in_the_next_cell(self):
        reply, outputs = execute(self.kc, 'var later = hello("cy");\nlater')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs, "stderr"), "")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "<coroutine hello>")
        reply, outputs = execute(self.kc, "await later")
        self.assertEqual(reply["status"], "ok")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], '"hello cy"')
        self.assertEqual(stream_text(outputs, "stderr"), "")

    def test_a_dropped_coroutine_is_reported_in_its_cell_without_debug_mode_and_without_a_forced_gc(self):
        reply, outputs = execute(self.kc, 'hello("x");\nSystem.out.println("after");')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "after\n")
        self.assertEqual(stream_text(outputs, "stderr"), NEVER_AWAITED)

    def test_a_coroutine_a_method_drops_is_reported_with_where_it_was_made_in_debug_mode(self):
        # Lesson 4's demonstration, without the System.gc() it needed.
        execute(self.kc, "getRunningLoop().setDebug(true);")
        try:
            reply, outputs = execute(self.kc,
                                     'async void errorExample() {\n'
                                     '    var result = hello("lost");\n'
                                     '    System.out.println(result);\n'
                                     '}\n'
                                     'await errorExample();')
        finally:
            execute(self.kc, "getRunningLoop().setDebug(false);")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "<coroutine hello>\n")
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith(NEVER_AWAITED + "Coroutine created at (most recent call first):\n"), err)
        self.assertRegex(err, r"\n    at errorExample\(cell \d+, line 2\)\n")
        self.assertRegex(err, r"\n    at <cell>\(cell \d+, line 5\)\n")


class NeverRetrieved(BackgroundCase):

    def test_a_failed_task_kept_in_a_variable_is_not_reported_and_is_awaited_two_cells_later(self):
        reply, outputs = execute(self.kc,
                                 'var failed = createTask(async(() -> { throw new IllegalStateException("kept"); }));\n'
                                 'await sleep(0.05);')
        self.assertEqual(stream_text(outputs, "stderr"), "")
        self.assertIsNone(background_display(outputs))
        reply, outputs = execute(self.kc, "1 + 1")
        self.assertEqual(stream_text(outputs, "stderr"), "")
        reply, outputs = execute(self.kc,
                                 'try { await failed; } catch (IllegalStateException e) {'
                                 ' System.out.println("caught " + e.getMessage()); }')
        self.assertEqual(stream_text(outputs), "caught kept\n")
        self.assertEqual(stream_text(outputs, "stderr"), "")

    def test_a_dropped_failed_task_is_reported_in_its_cell_before_the_reply(self):
        reply, outputs = execute(self.kc,
                                 'createTask(async(() -> { throw new IllegalStateException("dropped"); }), "lost");\n'
                                 'await sleep(0.05);\n'
                                 'System.out.println("end of cell");')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "end of cell\n")
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith("Task exception was never retrieved\ntask: 'lost' (started by cell ["), err)
        self.assertIn("java.lang.IllegalStateException: dropped", err)


class CallbackErrors(BackgroundCase):

    def test_a_callback_failing_after_its_cell_ended_is_reported_in_that_cell_not_the_running_one(self):
        msg_id = self.kc.execute(
            'getRunningLoop().callLater(0.5, () -> { throw new IllegalStateException("late callback"); });')
        shell_reply(self.kc, msg_id)
        first = collect_outputs(self.kc, msg_id)
        self.assertEqual(stream_text(first, "stderr"), "")
        reply, running = execute(self.kc, "await sleep(1.5);")
        self.assertNotIn("late callback", stream_text(running, "stderr"), "not the cell that ran then")

        def shows_the_error(m):
            return (m["msg_type"] in ("display_data", "update_display_data")
                    and "late callback" in m["content"]["data"]["text/plain"])
        messages = self.iopub_until(shows_the_error, timeout=10, already=running)
        shown = next(m for m in messages if shows_the_error(m))
        self.assertTrue(shown["content"]["transient"]["display_id"].startswith("bg-"))
        text = shown["content"]["data"]["text/plain"]
        self.assertIn("Exception in callback", text)
        self.assertIn("java.lang.IllegalStateException: late callback", text)
        # The display belongs to the cell that scheduled the callback: the one the first request opened.
        displays = [m for m in messages if m["msg_type"] == "display_data"]
        self.assertEqual(displays[0]["parent_header"]["msg_id"], msg_id)


if __name__ == "__main__":
    unittest.main()
