"""Interrupt during `await sleep(60)` inside `gather` cancels the cell's task the way asyncio does: the
cell is idle within a second with the cancellation shown, its finally blocks ran, and a background
task that an earlier cell started is still running afterwards."""
import re
import time
import unittest

from await_support import parent_id, read_iopub, shown_text
from kernel_support import KernelTestCase, RawChannel, collect_outputs, execute, kernel_time, shell_reply

TICKER = '''createTask(async(() -> {
    for (int i = 0; ; i++) {
        System.out.println("tick " + i);
        await sleep(0.2);
    }
}), "ticker");'''

GATHER = '''async void slow(String name) {
    try {
        System.out.println("sleeping " + name);
        await sleep(60);
    } finally {
        System.out.println("finally " + name);
    }
}
await gather(slow("a"), slow("b"));
System.out.println("not reached");'''


def ticks(messages):
    return [int(n) for m in messages for n in re.findall(r"tick (\d+)", shown_text(m))]


class InterruptInsideGather(KernelTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kc = cls.kc
        ticker = kc.execute(TICKER)
        collect_outputs(kc, ticker, timeout=60)
        shell_reply(kc, ticker)
        cls.ticker_cell = ticker
        cell = kc.execute(GATHER)
        # Interrupt once both gathered coroutines said they are about to sleep: the cell is inside the gather
        # (however long the loaded machine took to compile it).
        def both_sleeping(ms):
            printed = "".join(shown_text(m) for m in ms if parent_id(m) == cell)
            return "sleeping a" in printed and "sleeping b" in printed
        seen = read_iopub(kc, 60, until=both_sleeping)
        time.sleep(0.2)  # from the print to the await
        raw = RawChannel(cls.km, "control")
        try:
            raw.send(raw.request("interrupt_request", {}))
            cls.interrupt_reply = raw.recv(timeout=5)
        finally:
            raw.close()
        cls.cell_msgs = [m for m in seen if parent_id(m) == cell]
        try:
            cls.cell_msgs += collect_outputs(kc, cell, timeout=15)
            cls.idle = kc.last_idle
            cls.reply = shell_reply(kc, cell, timeout=5)["content"]
        except AssertionError:  # the interrupt did not end the cell: each test below says what is missing
            cls.cell_msgs += [m for m in read_iopub(kc, 0.5) if parent_id(m) == cell]
            cls.idle, cls.reply = None, {"status": "still running 15 s after the interrupt"}
        cls.after = read_iopub(kc, 1.5)  # the ticker's output after the interrupt

    def test_the_cell_is_idle_within_a_second_of_the_interrupt(self):
        self.assertIsNotNone(self.interrupt_reply)
        self.assertIsNotNone(self.idle, "the cell was still running 15 s after the interrupt")
        seconds = (kernel_time(self.idle) - kernel_time(self.interrupt_reply)).total_seconds()
        self.assertLess(seconds, 1.0)

    def test_the_cancellation_is_shown_as_the_cells_error(self):
        self.assertEqual(self.reply["status"], "error")
        errors = [m["content"] for m in self.cell_msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1, self.cell_msgs)
        self.assertRegex(errors[0]["ename"] + " " + errors[0]["evalue"], r"Cancel|nterrupt")
        self.assertNotIn("not reached", "".join(shown_text(m) for m in self.cell_msgs))

    def test_the_finally_block_of_both_gathered_coroutines_ran(self):
        printed = "".join(shown_text(m) for m in self.cell_msgs if m["msg_type"] == "stream")
        self.assertIn("finally a\n", printed)
        self.assertIn("finally b\n", printed)

    def test_the_background_task_of_the_earlier_cell_keeps_running(self):
        later = ticks(self.after)
        self.assertGreaterEqual(len(later), 3, "the ticker printed %r after the interrupt" % later)
        self.assertIsNotNone(self.idle, "the interrupted cell still runs (the ticker printed %r)" % later)
        reply, outputs = execute(self.kc, 'System.out.println(allTasks().stream()'
                                          '.anyMatch(t -> t.getName().equals("ticker") && !t.isDone()));')
        self.assertEqual("".join(shown_text(m) for m in outputs if m["msg_type"] == "stream").strip(), "true")

    def test_tasks_lists_the_ticker_as_live_after_the_interrupt(self):
        self.assertIsNotNone(self.idle, "the cell was still running 15 s after the interrupt")
        reply, outputs = execute(self.kc, "%tasks")
        self.assertEqual(reply["status"], "ok")
        listing = "".join(shown_text(m) for m in outputs)
        row = next((line for line in listing.splitlines() if "ticker" in line), None)
        self.assertIsNotNone(row, listing)
        self.assertRegex(row, r"cell\[\d+\]|\b\d+\b")  # the cell that created it


if __name__ == "__main__":
    unittest.main()
