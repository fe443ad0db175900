"""The task magics through a real client: %tasks, %cancel NAME|all, %time / %%time and %%timeline."""
import re
import unittest

from await_support import shown_text
from kernel_support import KernelTestCase, execute


def text_of(outputs):
    """What the cell itself showed: not the background displays of earlier cells (ids bg-...), which the kernel
    re-sends under the running cell while their tasks run."""
    return "".join(shown_text(m) for m in outputs
                   if not (m["content"].get("transient") or {}).get("display_id", "").startswith("bg-"))


def seconds_in(text):
    """The wall time printed in `text` ("CPU times: total: 3 ms\nWall time: 503 ms", as IPython prints), else the
    first duration in it ("0.50 s", "1.2s"), in seconds."""
    match = (re.search(r"Wall time:\s*(\d+(?:\.\d+)?)\s*(ms|µs|us|s)\b", text)
             or re.search(r"(\d+(?:\.\d+)?)\s*(ms|µs|us|s)\b", text))
    if match is None:
        raise AssertionError("no duration in %r" % text)
    scale = {"ms": 1e-3, "µs": 1e-6, "us": 1e-6, "s": 1.0}[match.group(2)]
    return float(match.group(1)) * scale


class Magics(KernelTestCase):

    def task_state(self, variable):
        """The state of the task a cell stored in `variable`: cancelled, done or live (asyncio's all_tasks() lists
        only live ones, so a reference is kept)."""
        _, outputs = execute(self.kc, 'System.out.println(%s.isCancelled() ? "cancelled" : %s.isDone() ? "done" : "live");'
                             % (variable, variable))
        return text_of(outputs).strip()

    def test_tasks_lists_a_live_task_with_its_cell_and_what_it_awaits(self):
        reply, outputs = execute(self.kc, 'createTask(sleep(30), "listed-sleeper");')
        cell = reply["execution_count"]
        reply, outputs = execute(self.kc, "%tasks")
        self.assertEqual(reply["status"], "ok")
        listing = text_of(outputs)
        row = next((line for line in listing.splitlines() if "listed-sleeper" in line), None)
        self.assertIsNotNone(row, listing)
        self.assertRegex(row, r"\b%d\b" % cell)  # the cell that created it
        self.assertRegex(row.lower(), r"sleep")  # what it awaits
        execute(self.kc, 'allTasks().stream().filter(t -> t.getName().equals("listed-sleeper"))'
                         '.forEach(t -> t.cancel());')

    def test_cancel_by_name_cancels_only_that_task(self):
        execute(self.kc, 'var toCancel = createTask(sleep(30), "to-cancel");\nvar toKeep = createTask(sleep(30), "to-keep");')
        reply, _ = execute(self.kc, "%cancel to-cancel")
        self.assertEqual(reply["status"], "ok")
        execute(self.kc, "await sleep(0.1);")
        self.assertEqual(self.task_state("toCancel"), "cancelled")
        self.assertEqual(self.task_state("toKeep"), "live")
        execute(self.kc, "toKeep.cancel();")

    def test_cancel_all_cancels_every_background_task(self):
        execute(self.kc, 'var bg1 = createTask(sleep(30), "bg-1");\nvar bg2 = createTask(sleep(30), "bg-2");')
        reply, _ = execute(self.kc, "%cancel all")
        self.assertEqual(reply["status"], "ok")
        execute(self.kc, "await sleep(0.1);")
        self.assertEqual([self.task_state("bg1"), self.task_state("bg2")], ["cancelled", "cancelled"])

    def test_cell_time_reports_the_wall_time_of_an_awaiting_cell(self):
        reply, outputs = execute(self.kc, "%%time\nawait sleep(0.5);")
        self.assertEqual(reply["status"], "ok")
        seconds = seconds_in(text_of(outputs))
        self.assertTrue(0.45 <= seconds < 5, seconds)

    def test_line_time_reports_the_time_of_its_statement(self):
        reply, outputs = execute(self.kc, "%time await sleep(0.3);")
        self.assertEqual(reply["status"], "ok")
        seconds = seconds_in(text_of(outputs))
        self.assertTrue(0.25 <= seconds < 5, seconds)

    def test_timeline_draws_each_task_of_the_cell_as_a_row_of_an_svg(self):
        reply, outputs = execute(self.kc, '%%timeline\n'
                                          'var a = createTask(sleep(0.3), "row-a");\n'
                                          'var b = createTask(sleep(0.3), "row-b");\n'
                                          'var c = createTask(sleep(0.3), "row-c");\n'
                                          'await gather(a, b, c);')
        self.assertEqual(reply["status"], "ok")
        svgs = [m["content"]["data"]["image/svg+xml"] for m in outputs
                if m["msg_type"] in ("display_data", "execute_result", "update_display_data")
                and "image/svg+xml" in m["content"].get("data", {})]
        self.assertTrue(svgs, [m["msg_type"] for m in outputs])
        for name in ("row-a", "row-b", "row-c"):
            self.assertIn(name, svgs[-1])


if __name__ == "__main__":
    unittest.main()
