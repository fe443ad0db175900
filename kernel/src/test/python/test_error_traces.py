"""Errors say what failed and where, through a real Jupyter client: a task's failure nobody retrieved shows an
exception group's every sub-exception as Python 3.11 prints the tree, a TimeoutError says how long it waited and
which call set the deadline, and a failure awaited from another task shows the task's lines and the awaiting line;
a try-with-resources scope that Java cannot give asyncio's behaviour gets a note with the exact form to write.
"""
import re
import unittest

from kernel_support import KernelTestCase, execute, stream_text
from test_background_output import BackgroundCase


def traceback_text(reply):
    return "\n".join(reply["traceback"])


class BackgroundReports(BackgroundCase):

    def test_a_task_group_failure_nobody_awaited_is_shown_as_a_tree(self):
        reply, outputs = execute(self.kc,
                                 'createTask(async(() -> {\n'
                                 '    await taskGroup(tg -> {\n'
                                 '        tg.createTask(async(() -> { throw new IllegalStateException("child boom"); }));\n'
                                 '    });\n'
                                 '}), "grouped");\n'
                                 'await sleep(0.05);')
        self.assertEqual(reply["status"], "ok")
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith("Task exception was never retrieved\ntask: 'grouped'"), err)
        lines = err.splitlines()
        self.assertIn("  + Exception Group Traceback (most recent call first):", lines)
        self.assertIn("  | org.javaasync.runtime.ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
                      lines)
        self.assertIn("  +-+---------------- 1 ----------------", lines)
        self.assertIn("    | java.lang.IllegalStateException: child boom", lines)
        self.assertTrue(any(re.fullmatch(r"    \|     at lambda in <cell>\(cell \d+, line 3\)", l) for l in lines), err)
        self.assertEqual(lines[-1], "    +------------------------------------")

    def test_a_timeout_in_a_background_task_says_how_long_and_which_call(self):
        reply, outputs = execute(self.kc,
                                 'createTask(async(() -> {\n'
                                 '    await waitFor(sleep(10), 0.3);\n'
                                 '}), "slow");\n'
                                 'await sleep(0.5);')
        err = stream_text(outputs, "stderr")
        self.assertRegex(err, r"org\.javaasync\.runtime\.TimeoutError: timed out after 0\.3 s "
                              r"\(waitFor at cell \d+, line 2\)")

    def test_a_failure_awaited_from_another_task_shows_the_tasks_lines_then_the_awaiting_line(self):
        reply, outputs = execute(self.kc,
                                 'createTask(async(() -> {\n'
                                 '    var inner = createTask(async(() -> { await sleep(0.01);\n'
                                 '        throw new IllegalStateException("inner boom"); }));\n'
                                 '    await inner;\n'
                                 '}), "outer");\n'
                                 'await sleep(0.1);')
        self.assertEqual(reply["status"], "ok")
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith("Task exception was never retrieved\ntask: 'outer'"), err)
        lines = err.splitlines()
        self.assertIn("java.lang.IllegalStateException: inner boom", lines)
        awaited = lines.index("    ... where it was awaited:")
        self.assertTrue(any(re.search(r"\(cell \d+, line 3\)", l) for l in lines[:awaited]), err)
        self.assertRegex(lines[awaited + 1], r"^    at .*\(cell \d+, line 4\)$")


class CellErrors(KernelTestCase):
    """A cell's own uncaught error reads the same as a background report: the tree, the deadline, the await."""

    def test_a_task_group_failure_of_the_cell_shows_every_sub_exception(self):
        # Both children wake in the same loop iteration and fail before the group can cancel either: two
        # sub-exceptions, as asyncio's TaskGroup collects them.
        reply, _ = execute(self.kc,
                           'await taskGroup(tg -> {\n'
                           '    tg.createTask(async(() -> { await sleep(0.01);\n'
                           '        throw new IllegalArgumentException("bad arg"); }));\n'
                           '    tg.createTask(async(() -> { await sleep(0.01);\n'
                           '        throw new IllegalStateException("late boom"); }));\n'
                           '});')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "org.javaasync.runtime.ExceptionGroup")
        lines = reply["traceback"]
        self.assertIn("  + Exception Group Traceback (most recent call first):", lines)
        self.assertIn("  | org.javaasync.runtime.ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)",
                      lines)
        self.assertIn("  +-+---------------- 1 ----------------", lines)
        self.assertIn("    | java.lang.IllegalArgumentException: bad arg", lines)
        self.assertIn("    +---------------- 2 ----------------", lines)
        self.assertIn("    | java.lang.IllegalStateException: late boom", lines)
        self.assertTrue(any(re.fullmatch(r"    \|     at lambda in <cell>\(line 3\)", l) for l in lines),
                        traceback_text(reply))
        self.assertTrue(any(re.fullmatch(r"    \|     at lambda in <cell>\(line 5\)", l) for l in lines),
                        traceback_text(reply))
        self.assertEqual(lines[-1], "    +------------------------------------")

    def test_a_timeout_of_the_cell_says_how_long_and_which_line(self):
        reply, _ = execute(self.kc, 'int before = 1;\nawait waitFor(sleep(10), 0.3);')
        self.assertEqual(reply["status"], "error")
        self.assertRegex(reply["traceback"][0],
                         r"^org\.javaasync\.runtime\.TimeoutError: timed out after 0\.3 s \(waitFor at line 2\)$")

    def test_a_task_failure_awaited_by_the_cell_shows_the_tasks_line_and_the_awaiting_line(self):
        reply, _ = execute(self.kc,
                           'var failing = createTask(async(() -> { await sleep(0.01);\n'
                           '    throw new IllegalStateException("task boom"); }));\n'
                           'await failing;')
        self.assertEqual(reply["status"], "error")
        lines = reply["traceback"]
        self.assertEqual(lines[0], "java.lang.IllegalStateException: task boom")
        awaited = lines.index("    ... where it was awaited:")
        self.assertTrue(any(re.search(r"\(line 2\)", l) for l in lines[1:awaited]), traceback_text(reply))
        self.assertTrue(any(re.search(r"\(line 3\)", l) for l in lines[awaited + 1:]), traceback_text(reply))


class ScopeNotes(KernelTestCase):
    """A try-with-resources timeout or task group runs, and the cell says which exact form to write instead."""

    def test_a_try_with_resources_timeout_runs_and_gets_the_exact_form(self):
        reply, outputs = execute(self.kc,
                                 'String got;\n'
                                 'try (var t = timeout(0.5)) {\n'
                                 '    got = await waitFor(sleep(0.01, "inside"), 1.0);\n'
                                 '}\n'
                                 'got')
        self.assertEqual(reply["status"], "ok")
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results, ['"inside"'])
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith("Note: line 2 opens a timeout(...) scope with try-with-resources."), err)
        self.assertIn("if the block then awaits nothing more the deadline is lost", err)
        self.assertTrue(err.endswith("\n    await timeout(0.5, () -> {\n        ...\n    });\n"), err)

    def test_a_try_with_resources_task_group_gets_the_exact_form_with_its_name(self):
        reply, outputs = execute(self.kc,
                                 'try (var crawl = new TaskGroup()) {\n'
                                 '    crawl.createTask(sleep(0.01));\n'
                                 '}')
        self.assertEqual(reply["status"], "ok")
        err = stream_text(outputs, "stderr")
        self.assertTrue(err.startswith("Note: line 1 opens a TaskGroup with try-with-resources."), err)
        self.assertIn("does not cancel the group's tasks", err)
        self.assertIn("\n    await taskGroup(crawl -> {\n", err)

    def test_the_note_comes_with_a_cell_that_fails_too(self):
        reply, outputs = execute(self.kc,
                                 'try (var t = timeout(0.05)) {\n'
                                 '    await sleep(1);\n'
                                 '}')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "org.javaasync.runtime.TimeoutError")
        self.assertIn("Note: line 1 opens a timeout(...) scope", stream_text(outputs, "stderr"))

    def test_the_exact_forms_get_no_note(self):
        reply, outputs = execute(self.kc,
                                 'await timeout(0.5, () -> { await sleep(0.01); });\n'
                                 'await taskGroup(tg -> { tg.createTask(sleep(0.01)); });\n'
                                 'String s = "try (var t = timeout(1)) {}";')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs, "stderr"), "")


if __name__ == "__main__":
    unittest.main()
