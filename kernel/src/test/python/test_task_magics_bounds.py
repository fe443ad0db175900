"""%tasks and %cancel stay small with 20,000 live tasks: a summary by state and by cell and the oldest rows, and a
list of names that stops after twenty, as the background display already does."""
import json
import unittest

from kernel_support import KernelTestCase, execute, stream_text

TASKS = 20_000


def own_displays(outputs):
    return [m for m in outputs if m["msg_type"] == "display_data"
            and not (m["content"].get("transient") or {}).get("display_id", "").startswith("bg-")]


class BoundedTaskMagics(KernelTestCase):

    def test_twenty_thousand_tasks_are_summarised_and_cancelled_in_a_few_lines(self):
        reply, _ = execute(self.kc, "for (int i = 0; i < %d; i++) createTask(sleep(600), \"w\" + i);" % TASKS,
                           timeout=120)
        self.assertEqual(reply["status"], "ok", reply)
        cell = reply["execution_count"]

        reply, outputs = execute(self.kc, "%tasks", timeout=60)
        self.assertEqual(reply["status"], "ok", reply)
        table = own_displays(outputs)
        self.assertEqual(len(table), 1, [m["msg_type"] for m in outputs])
        size = len(json.dumps(table[0]["content"]))
        self.assertLess(size, 60_000, "the display of %%tasks is %d bytes" % size)
        text = table[0]["content"]["data"]["text/plain"].splitlines()
        # Each task has reached its sleep by now on a quiet machine; on a busy one some may still be pending, and the
        # loop may be stepping one as the snapshot is taken.
        self.assertRegex(text[0], r"^20,000 live tasks: \d[\d,]* (running|waiting|pending)"
                                  r"(, \d[\d,]* (running|waiting|pending))*\.$")
        self.assertEqual(text[1], "By cell: In [%d]: 20,000." % cell)
        self.assertRegex(text[5], r"^w0\s+(waiting|pending)\s+In \[%d\]" % cell)
        self.assertEqual(text[-1], "… and 19,900 more, not shown. %cancel NAME... or %cancel all stops tasks.")
        self.assertIn("<b>20,000 live tasks", table[0]["content"]["data"]["text/html"])

        reply, outputs = execute(self.kc, "%cancel all", timeout=60)
        self.assertEqual(reply["status"], "ok", reply)
        printed = stream_text(outputs)
        self.assertLess(len(printed), 1_000, printed[:2000])
        self.assertTrue(printed.startswith("Cancelled 20000 tasks: w0, w1, w2"), printed)
        self.assertIn("w19 and 19,980 more.", printed)

        reply, outputs = execute(self.kc, "%tasks")
        self.assertEqual(own_displays(outputs)[0]["content"]["data"]["text/plain"], "No live tasks.")


if __name__ == "__main__":
    unittest.main()
