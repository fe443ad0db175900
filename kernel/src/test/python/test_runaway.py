"""A background task that never awaits holds the one event loop every cell shares. The kernel must say so, answer
%tasks and %cancel meanwhile, and stop whatever holds the loop on an interrupt, naming it."""
import time
import unittest

from jupyter_client.manager import KernelManager

from await_support import shown_text
from kernel_support import (KERNEL_NAME, START_TIMEOUT, collect_outputs, execute, shell_reply, stream_text)

RUNAWAY = 'createTask(async(() -> { long n = 0; while (true) n++; }), "runaway");'


class RunawayTestCase(unittest.TestCase):
    """A fresh kernel per test: a held loop must not leak into the next test."""

    def setUp(self):
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=START_TIMEOUT)
        execute(self.kc, "0", timeout=120)

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def start_runaway(self):
        reply, _ = execute(self.kc, RUNAWAY, timeout=30)
        self.assertEqual(reply["status"], "ok", "the cell that starts the task replies")
        self.runaway_cell = reply["execution_count"]
        time.sleep(1)  # the task now holds the loop

    def interrupt(self):
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)

    def iopub_text(self, seconds, until):
        """Text shown on iopub (streams, displays, updates) for up to `seconds`, until `until(text)` holds."""
        text = ""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not until(text):
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["msg_type"] in ("stream", "display_data", "update_display_data", "execute_result", "error"):
                text += shown_text(msg) + "\n"
        return text


class HeldLoop(RunawayTestCase):

    def test_tasks_answers_while_the_loop_is_held_and_names_the_task(self):
        self.start_runaway()
        reply, outputs = execute(self.kc, "%tasks", timeout=30)
        self.assertEqual(reply["status"], "ok")
        shown = "".join(shown_text(m) for m in outputs)
        self.assertIn("runaway", shown)
        self.assertIn("task 'runaway' (In [%d]) has held the event loop for" % self.runaway_cell, shown)

    def test_cancel_stops_a_task_that_holds_the_loop(self):
        self.start_runaway()
        reply, outputs = execute(self.kc, "%cancel runaway", timeout=30)
        self.assertEqual(reply["status"], "ok")
        self.assertIn("Cancelled 1 task: runaway.", stream_text(outputs))
        reply, outputs = execute(self.kc, "1 + 1", timeout=30)
        self.assertEqual(reply["status"], "ok", "cells run again")

    def test_a_cell_queued_behind_the_held_loop_says_so_and_runs_once_interrupt_frees_the_loop(self):
        self.start_runaway()
        msg_id = self.kc.execute("1 + 1")
        waiting = self.iopub_text(20, lambda text: "This cell is waiting" in text)
        self.assertIn("⏳ This cell is waiting: task 'runaway' (In [%d]) has held the event loop for"
                      % self.runaway_cell, waiting)
        self.interrupt()
        reply = shell_reply(self.kc, msg_id, timeout=30)
        self.assertEqual(reply["content"]["status"], "ok", "the queued cell ran, it was not the one interrupted")
        outputs = collect_outputs(self.kc, msg_id, timeout=10)
        shown = "".join(shown_text(m) for m in outputs)
        self.assertIn("⏹ Interrupt: task 'runaway' (In [%d]) has held the event loop" % self.runaway_cell, shown)
        self.assertIn("2", [m["content"]["data"]["text/plain"] for m in outputs
                            if m["msg_type"] == "execute_result"])
        reply, outputs = execute(self.kc, "allTasks().stream().anyMatch(t -> t.getName().equals(\"runaway\"))")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"],
                         ["false"])

    def test_an_interrupt_with_no_cell_running_stops_the_task_and_says_so_in_its_cell(self):
        self.start_runaway()
        self.interrupt()
        told = self.iopub_text(20, lambda text: "it is cancelled" in text)
        self.assertIn("⏹ Interrupt: task 'runaway' (In [%d]) has held the event loop" % self.runaway_cell, told)
        reply, _ = execute(self.kc, "1 + 1", timeout=30)
        self.assertEqual(reply["status"], "ok")


class CodeThatCannotBeStopped(RunawayTestCase):

    def test_the_kernel_says_the_task_cannot_be_stopped_and_offers_the_restart(self):
        reply, _ = execute(self.kc, 'createTask(async(() -> LongStream.range(0, Long.MAX_VALUE).sum()), "summing");',
                           timeout=30)
        self.assertEqual(reply["status"], "ok")
        time.sleep(1)
        self.interrupt()
        told = self.iopub_text(30, lambda text: "did not stop" in text)
        self.assertIn("Task 'summing'", told)
        self.assertIn("did not stop", told)
        self.assertIn("Restart the kernel", told)


if __name__ == "__main__":
    unittest.main()
