"""Output of a task lands in the cell that created it, also after that cell finished.

What the frontend receives is checked with jupyter_client: the parent_header of each message, and (once the
display feature has landed, probed in the kernel) the display id announced in cell 1 that late lines update.
"""
import re
import time
import unittest

from await_support import collect_outputs, display_id, parent_id, read_iopub, shown_text
from kernel_support import KernelTestCase, shell_reply

# Cell 1 leaves a task behind that prints two lines once cell 2 runs: cell 2 sets the event, so the lines come
# 1 s into cell 2's 2 s sleep however slowly the loaded machine compiles either cell.
CELL_1 = '''var go = new Event();
createTask(async(() -> {
    await go.waitUntilSet();
    await sleep(1);
    System.out.println("late line 1");
    await sleep(0.3);
    System.out.println("late line 2");
    return null;
}), "late-printer");
System.out.println("cell 1 ran");'''
CELL_2 = 'go.set();\nawait sleep(2);\nSystem.out.println("cell 2 ran");'



def renders_in(msg, cell, displays_elsewhere):
    """Whether a frontend shows `msg` in the cell of request `cell`. An update of a display another cell
    announced renders in that other cell whatever its parent header: the kernel sends such updates under the running
    cell's header because nbclient listens only to the cell it runs (see docs/protocol.md)."""
    if parent_id(msg) != cell:
        return False
    return not (msg["msg_type"] == "update_display_data" and display_id(msg) in displays_elsewhere)


def is_idle(msg, msg_id):
    return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle" and parent_id(msg) == msg_id


class LateOutputOfCell1WhileCell2Runs(KernelTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kc = cls.kc
        cls.cell1 = kc.execute(CELL_1)
        cls.cell1_msgs = collect_outputs(kc, cls.cell1, timeout=60)
        shell_reply(kc, cls.cell1)
        cls.cell2 = kc.execute(CELL_2)
        msgs = read_iopub(kc, 60, until=lambda ms: any(is_idle(m, cls.cell2) for m in ms))
        msgs += read_iopub(kc, 2.0)  # the late-printer ends 0.3 s after cell 2 would; its display's summary follows
        cls.later = msgs
        cls.cell2_idle = next(m["_arrived"] for m in msgs if is_idle(m, cls.cell2))
        shell_reply(kc, cls.cell2)
        # Display ids the frontend saw announced in cell 1 (display_data whose parent is cell 1's request).
        cls.cell1_displays = {display_id(m) for m in cls.cell1_msgs + msgs
                              if m["msg_type"] == "display_data" and parent_id(m) == cls.cell1 and display_id(m)}

    def carrying(self, text):
        return [m for m in self.later if text in shown_text(m)]

    def test_cell_1_itself_finished_before_the_late_lines(self):
        self.assertIn("cell 1 ran", "".join(shown_text(m) for m in self.cell1_msgs))
        self.assertFalse([m for m in self.cell1_msgs if "late line" in shown_text(m)])

    def test_no_late_line_reaches_cell_2(self):
        in_cell_2 = [m for m in self.later if renders_in(m, self.cell2, self.cell1_displays)]
        self.assertEqual([m for m in in_cell_2 if "late line" in shown_text(m)], [])
        self.assertEqual(re.findall(r"cell \d ran", "".join(shown_text(m) for m in in_cell_2)), ["cell 2 ran"])

    def test_late_lines_reach_the_frontend_addressed_to_cell_1(self):
        for line in ("late line 1", "late line 2"):
            messages = self.carrying(line)
            self.assertTrue(messages, "%r never arrived" % line)
            for m in messages:
                to_cell_1 = (m["msg_type"] == "stream" and parent_id(m) == self.cell1) or \
                            (m["msg_type"] in ("display_data", "update_display_data")
                             and display_id(m) in self.cell1_displays)
                self.assertTrue(to_cell_1, "%s %r is addressed to neither cell 1's request nor a display of cell 1"
                                % (m["msg_type"], shown_text(m)))

    def test_late_lines_arrive_live_while_cell_2_is_still_running(self):
        first = min(m["_arrived"] for m in self.carrying("late line 1"))
        self.assertLess(first, self.cell2_idle)

    def test_late_lines_come_as_updates_of_the_display_cell_1_announced_not_as_streams(self):
        self.assertEqual(len(self.cell1_displays), 1, self.cell1_displays)
        for line in ("late line 1", "late line 2"):
            kinds = {m["msg_type"] for m in self.carrying(line)}
            self.assertEqual(kinds, {"update_display_data"}, line)

    def test_the_display_keeps_both_lines_in_order_and_ends_with_a_summary_line(self):
        (shown,) = self.cell1_displays
        updates = [m for m in self.later if m["msg_type"] == "update_display_data" and display_id(m) == shown]
        final = [line for line in shown_text(updates[-1]).splitlines() if line.strip()]
        self.assertIn("late line 1", final)
        self.assertIn("late line 2", final)
        self.assertLess(final.index("late line 1"), final.index("late line 2"))
        self.assertGreater(len(final) - 1, final.index("late line 2"), "no summary after the task's lines: %r" % final)


class TenThousandTasksPrinting(KernelTestCase):
    """10,000 tasks of one cell printing a line each after the cell finished: every line arrives, in that cell."""

    N = 10_000

    def test_every_line_arrives_once_in_the_cell_that_created_the_tasks(self):
        kc = self.kc
        cell1 = kc.execute('var start = new Event();\n'
                           'for (int i = 0; i < %d; i++) {\n'
                           '    int n = i;\n'
                           '    createTask(async(() -> { await start.waitUntilSet(); System.out.println("t" + n); '
                           'return null; }));\n'
                           '}' % self.N)
        cell1_msgs = collect_outputs(kc, cell1, timeout=120)
        shell_reply(kc, cell1, timeout=60)
        cell2 = kc.execute('start.set();\nawait sleep(3);')
        msgs = read_iopub(kc, 120, until=lambda ms: any(is_idle(m, cell2) for m in ms))
        msgs += read_iopub(kc, 1.0)
        displays = {display_id(m) for m in cell1_msgs + msgs if m["msg_type"] == "display_data"
                    and parent_id(m) == cell1 and display_id(m)}
        streamed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and parent_id(m) == cell1)
        updates = [m for m in msgs if m["msg_type"] == "update_display_data" and display_id(m) in displays]
        shown = streamed + (shown_text(updates[-1]) if updates else "")
        lines = re.findall(r"^t(\d+)$", shown, re.M)
        self.assertEqual(sorted(map(int, lines)), list(range(self.N)))
        self.assertFalse([m for m in msgs if renders_in(m, cell2, displays) and re.search(r"^t\d+$", shown_text(m), re.M)])
        carrying = [m["_arrived"] for m in msgs if re.search(r"^t\d+$", shown_text(m), re.M)]
        spread = max(carrying) - min(carrying)
        # The target is 2 s; bench/await_bench.py measures it. On the shared, loaded test machine the
        # bound here only catches a gross regression (a line per flush, a per-line round trip).
        self.assertLess(spread, 6.0, "the lines took %.2f s to arrive" % spread)


class LinesOfOneTaskKeepTheirOrder(KernelTestCase):

    def test_interleaved_tasks_each_print_their_own_lines_in_order(self):
        kc = self.kc
        msg_id = kc.execute('async void count(int t) {\n'
                            '    for (int i = 0; i < 20; i++) { System.out.println(t + ":" + i); await sleep(0); }\n'
                            '}\n'
                            'var all = new ArrayList<Coroutine<Void>>();\n'
                            'for (int t = 0; t < 50; t++) all.add(count(t));\n'
                            'await gather(all);')
        outputs = collect_outputs(kc, msg_id, timeout=60)
        self.assertEqual(shell_reply(kc, msg_id)["content"]["status"], "ok")
        text = "".join(shown_text(m) for m in outputs if m["msg_type"] == "stream")
        lines = [(int(t), int(i)) for t, i in re.findall(r"^(\d+):(\d+)$", text, re.M)]
        per_task = {}
        for t, i in lines:
            per_task.setdefault(t, []).append(i)
        self.assertEqual(per_task, {t: list(range(20)) for t in range(50)})
        # Task 1 printed its first line before task 0 its second: they interleaved, so the order was at stake.
        self.assertLess(lines.index((1, 0)), lines.index((0, 1)))

if __name__ == "__main__":
    unittest.main()
