"""Tasks that outlive their cell: their output lands in that cell's display, live; their failures are reported.

A cell that ends while tasks it started still run leaves a display (display_data with display id bg-<msg_id>) and
updates it (update_display_data) with what those tasks write, ending with a summary line.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
from queue import Empty

from kernel_support import KernelTestCase, collect_outputs, execute, shell_reply, stream_text


def background_display(outputs):
    """The display_data a cell left for its background tasks, or None."""
    for m in outputs:
        display_id = m["content"].get("transient", {}).get("display_id", "")
        if m["msg_type"] == "display_data" and display_id.startswith("bg-"):
            return m
    return None


class BackgroundCase(KernelTestCase):

    def iopub_until(self, predicate, timeout, already=()):
        """Reads iopub messages (`already` read ones, then stashed ones) until predicate(msg) holds; returns all."""
        stash = getattr(self.kc, "_iopub_stash", {})
        seen = list(already) + [m for queued in stash.values() for m in queued]
        stash.clear()
        if any(predicate(m) for m in seen):
            return seen
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
            except Empty:
                continue
            msg["_arrived"] = time.monotonic()
            seen.append(msg)
            if predicate(msg):
                return seen
        raise AssertionError("timed out; last messages: %r" % [m["msg_type"] for m in seen[-5:]])

    @staticmethod
    def updates_of(messages, display_id):
        return [m for m in messages
                if m["msg_type"] == "update_display_data"
                and m["content"].get("transient", {}).get("display_id") == display_id]

    @staticmethod
    def is_final(display_id):
        def check(m):
            if m["msg_type"] != "update_display_data":
                return False
            if m["content"].get("transient", {}).get("display_id") != display_id:
                return False
            last = m["content"]["data"]["text/plain"].splitlines()[-1]
            return last.startswith("✔") or last.startswith("✖")
        return check


class LateOutput(BackgroundCase):

    def test_lines_printed_after_the_cell_ended_update_its_display_and_never_reach_the_next_cell(self):
        cell1 = self.kc.execute(
            'createTask(async(() -> {\n'
            '    await(sleep(1));\n'
            '    System.out.println("late line 1");\n'
            '    System.err.println("late error line");\n'
            '    await(sleep(0.3));\n'
            '    System.out.println("late line 2");\n'
            '    return null;\n'
            '}), "bg");')
        self.assertEqual(shell_reply(self.kc, cell1)["content"]["status"], "ok")
        outputs1 = collect_outputs(self.kc, cell1)
        announced = background_display(outputs1)
        self.assertIsNotNone(announced, "no background display in cell 1: %r" % outputs1)
        self.assertEqual(announced["parent_header"]["msg_id"], cell1)
        self.assertIn("1 task of this cell still running: bg", announced["content"]["data"]["text/plain"])
        display_id = announced["content"]["transient"]["display_id"]

        reply2, outputs2 = execute(self.kc, 'Thread.sleep(2000); System.out.println("cell 2 here");')
        self.assertEqual(reply2["status"], "ok")
        self.assertEqual(stream_text(outputs2), "cell 2 here\n")
        for m in outputs2:
            if m["msg_type"] in ("stream", "display_data", "execute_result"):
                self.assertNotIn("late", json.dumps(m["content"]), "late output leaked into cell 2")

        messages = self.iopub_until(self.is_final(display_id), timeout=10, already=outputs2)
        updates = self.updates_of(messages, display_id)
        final = updates[-1]["content"]["data"]
        self.assertEqual(final["text/plain"].splitlines()[:3],
                         ["late line 1", "late error line", "late line 2"])
        self.assertRegex(final["text/plain"].splitlines()[-1], r"^✔ 1 background task finished in \d+\.\d s$")
        self.assertIn('<span style="color:#c00">late error line\n</span>', final["text/html"])
        # While cell 2 ran, the updates came under its parent header, so nbclient applies them to cell 1's output.
        self.assertTrue(any(m["parent_header"].get("msg_id") == outputs2[0]["parent_header"]["msg_id"]
                            for m in updates))
        for m in messages:
            if m["msg_type"] == "stream":
                self.assertNotIn("late", m["content"]["text"])

    def test_output_written_while_the_cell_runs_stays_ordinary_stream_output(self):
        reply, outputs = execute(self.kc, 'var t = createTask(async(() -> { System.out.println("inside"); return 1; }));'
                                          '\nawait(t);')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "inside\n")
        self.assertIsNone(background_display(outputs), "no task outlived the cell, so no display")

    def test_ten_thousand_tasks_printing_at_once_all_arrive_in_their_cell_within_two_seconds(self):
        msg_id = self.kc.execute(
            'for (int i = 0; i < 10_000; i++) {\n'
            '    int n = i;\n'
            '    createTask(async(() -> { await(sleep(2)); System.out.println("task " + n); return null; }));\n'
            '}')
        self.assertEqual(shell_reply(self.kc, msg_id)["content"]["status"], "ok")
        outputs = collect_outputs(self.kc, msg_id)
        announced = background_display(outputs)
        self.assertIsNotNone(announced)
        display_id = announced["content"]["transient"]["display_id"]
        messages = self.iopub_until(self.is_final(display_id), timeout=20)
        finished = messages[-1]
        lines = finished["content"]["data"]["text/plain"].splitlines()
        # Lines of different tasks may interleave (a task waiting for the output lock lets others run); none is lost.
        self.assertEqual(sorted(lines[:-1]), sorted("task %d" % i for i in range(10_000)))
        self.assertTrue(lines[-1].startswith("✔ 10000 background tasks finished"), lines[-1])
        first = next(m for m in messages if m["msg_type"] == "update_display_data"
                     and "task " in m["content"]["data"]["text/plain"])
        took = finished["_arrived"] - first["_arrived"]
        self.assertLess(took, 2.0, "from the first line shown to all 10,000: %.2f s" % took)
        for m in messages:
            self.assertNotEqual(m["msg_type"], "stream", "a line escaped the display: %r" % m["content"])

    def test_a_display_call_of_a_background_task_becomes_part_of_the_cells_display(self):
        msg_id = self.kc.execute(
            'createTask(async(() -> { await(sleep(1)); display(html("<b>bold news</b>")); return null; }));')
        shell_reply(self.kc, msg_id)
        display_id = background_display(collect_outputs(self.kc, msg_id))["content"]["transient"]["display_id"]
        final = self.iopub_until(self.is_final(display_id), timeout=10)[-1]["content"]["data"]
        self.assertIn("<b>bold news</b>", final["text/html"])


class BackgroundFailures(BackgroundCase):

    def test_a_failed_task_nobody_awaited_is_reported_in_its_cell_when_the_cell_ends(self):
        reply, outputs = execute(self.kc,
                                 'async int explode() { throw new IllegalStateException("boom"); }\n'
                                 'createTask(explode(), "exploder");\n'
                                 'await(sleep(0.1));')
        self.assertEqual(reply["status"], "ok")
        err = stream_text(outputs, "stderr")
        self.assertIn("Task exception was never retrieved", err)
        self.assertIn("'exploder'", err)
        self.assertIn("java.lang.IllegalStateException: boom", err)
        # The frame reads as the user wrote it, at its cell and line; the await rewrite's names and glue stay hidden.
        self.assertRegex(err, r"at explode\(cell \d+, line 1\)")
        self.assertNotIn("$async", err)
        self.assertNotIn("lambda$explode", err)
        self.assertNotIn("org.javaasync.runtime", err, "the trace is cut to the user's frames")

    def test_a_failed_task_that_was_awaited_is_not_reported(self):
        reply, outputs = execute(self.kc,
                                 'var t = createTask(async(() -> { throw new IllegalStateException("seen"); }));\n'
                                 'try { await(t); } catch (IllegalStateException e) { System.out.println("caught"); }')
        self.assertEqual(stream_text(outputs), "caught\n")
        self.assertNotIn("never retrieved", stream_text(outputs, "stderr"))

    def test_a_background_task_failing_after_its_cell_ended_is_reported_in_the_cells_display(self):
        msg_id = self.kc.execute(
            'createTask(async(() -> { await(sleep(1)); throw new IllegalArgumentException("late boom"); }),'
            ' "late-failure");')
        shell_reply(self.kc, msg_id)
        outputs = collect_outputs(self.kc, msg_id)
        display_id = background_display(outputs)["content"]["transient"]["display_id"]
        final = self.iopub_until(self.is_final(display_id), timeout=10)[-1]["content"]["data"]["text/plain"]
        self.assertIn("Task exception was never retrieved", final)
        self.assertIn("java.lang.IllegalArgumentException: late boom", final)
        # "of N": JShell's background warm-up may still run snippets as tasks counted in the last cell.
        self.assertRegex(final.splitlines()[-1], r"^✖ 1 of \d+ background tasks? failed \(\d+\.\d s\)$")

    def test_a_failure_is_reported_while_other_tasks_of_the_cell_still_run(self):
        msg_id = self.kc.execute(
            'createTask(async(() -> { await(sleep(4)); return null; }), "long-runner");\n'
            'createTask(async(() -> { await(sleep(0.5)); throw new IllegalStateException("early boom"); }),'
            ' "early-failure");')
        shell_reply(self.kc, msg_id)
        display_id = background_display(collect_outputs(self.kc, msg_id))["content"]["transient"]["display_id"]

        def reported_while_running(m):
            if m["msg_type"] != "update_display_data":
                return False
            text = m["content"]["data"]["text/plain"]
            return "early boom" in text and text.splitlines()[-1].startswith("⏳")
        messages = self.iopub_until(reported_while_running, timeout=4)
        self.assertIn("Task exception was never retrieved", messages[-1]["content"]["data"]["text/plain"])
        final = self.iopub_until(self.is_final(display_id), timeout=10)[-1]["content"]["data"]["text/plain"]
        self.assertEqual(final.count("early boom"), 1, "reported once")


class ForgottenAwait(BackgroundCase):

    def test_a_coroutine_called_as_a_statement_warns_that_it_was_never_awaited(self):
        execute(self.kc, 'async int answer() { return 42; }')
        reply, outputs = execute(self.kc, 'answer();\nSystem.out.println("after");')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs, "stderr"),
                         "RuntimeWarning: coroutine 'answer' was never awaited (did you forget 'await'?)\n")

    def test_a_coroutine_as_the_last_expression_is_shown_with_the_warning(self):
        execute(self.kc, 'async int answer2() { return 42; }')
        reply, outputs = execute(self.kc, 'answer2()')
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "<coroutine answer2>")
        self.assertIn("coroutine 'answer2' was never awaited", stream_text(outputs, "stderr"))

    def test_awaited_or_stored_coroutines_do_not_warn(self):
        execute(self.kc, 'async int answer3() { return 42; }')
        reply, outputs = execute(self.kc, 'var c = answer3();\nawait answer3();\nint v = await(c);')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs, "stderr"), "")


class NbconvertKeepsLateOutput(unittest.TestCase):

    def test_the_saved_notebook_holds_the_late_output_in_the_cell_that_started_the_task(self):
        cells = [
            'createTask(async(() -> { await(sleep(2)); System.out.println("late from cell 1"); return null; }), "bg");',
            'Thread.sleep(4000);\nSystem.out.println("cell 2");',
        ]
        notebook = {
            "cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
                      for c in cells],
            "metadata": {"kernelspec": {"name": "java-async", "display_name": "Java (async)", "language": "java"}},
            "nbformat": 4, "nbformat_minor": 5,
        }
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "late.ipynb")
            with open(path, "w") as f:
                json.dump(notebook, f)
            done = subprocess.run(["/usr/bin/python3", "-m", "nbconvert", "--execute", "--to", "notebook",
                                   "--ExecutePreprocessor.kernel_name=java-async",
                                   "--ExecutePreprocessor.timeout=120", "--output", "executed.ipynb", path],
                                  capture_output=True, text=True, timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr[-2000:])
            with open(os.path.join(tmp, "executed.ipynb")) as f:
                saved = json.load(f)
        first, second = saved["cells"]
        texts = ["".join(o.get("data", {}).get("text/plain", "")) for o in first["outputs"]
                 if o["output_type"] == "display_data"]
        self.assertTrue(any("late from cell 1" in t for t in texts), first["outputs"])
        self.assertNotIn("late from cell 1", json.dumps(second["outputs"]))


if __name__ == "__main__":
    unittest.main()
