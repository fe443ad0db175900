"""interrupt_request on the control channel stops a running cell within a second; the next cell runs."""
import time
import unittest

from kernel_support import KernelTestCase, RawChannel, kernel_time, collect_outputs, execute, shell_reply


class Interrupt(KernelTestCase):

    def interrupt_after_start(self, code):
        msg_id = self.kc.execute(code)
        time.sleep(1.0)  # let the cell start running
        # interrupt_mode "message": an interrupt_request on control, as km.interrupt_kernel() sends it; sent here
        # on a raw socket so that the reply's kernel timestamp can be compared with the idle status's.
        raw = RawChannel(self.km, "control")
        try:
            t0 = time.monotonic()
            raw.send(raw.request("interrupt_request", {}))
            interrupt_reply = raw.recv(timeout=5)
        finally:
            raw.close()
        self.assertIsNotNone(interrupt_reply, "no interrupt_reply while the cell runs")
        outputs = collect_outputs(self.kc, msg_id, timeout=10)
        seen_after = time.monotonic() - t0
        # The kernel's own clock: from answering the interrupt to going idle. The client's view is also
        # bounded, loosely, because a loaded CI machine delays the test process too.
        idle = self.kc.last_idle
        idle_after = (kernel_time(idle) - kernel_time(interrupt_reply)).total_seconds()
        self.assertLess(seen_after, 5.0)
        reply = shell_reply(self.kc, msg_id, timeout=5)["content"]
        return reply, outputs, idle_after

    def assert_interrupted(self, code):
        reply, outputs, idle_after = self.interrupt_after_start(code)
        self.assertLess(idle_after, 1.0, "idle %.2fs after the interrupt" % idle_after)
        self.assertEqual(reply["status"], "error")
        self.assertIn("nterrupt", reply["ename"] + reply["evalue"])
        after, _ = execute(self.kc, "40 + 2")
        self.assertEqual(after["status"], "ok")

    def test_a_busy_loop_is_interrupted(self):
        self.assert_interrupted("while (true) {}")

    def test_a_sleep_is_interrupted(self):
        self.assert_interrupted("Thread.sleep(60_000);")

    def test_a_blocked_queue_take_is_interrupted(self):
        self.assert_interrupted("new java.util.concurrent.LinkedBlockingQueue<String>().take();")

    def test_interrupt_reply_comes_on_control(self):
        raw = RawChannel(self.km, "control")
        try:
            raw.send(raw.request("interrupt_request", {}))
            reply = raw.recv(timeout=5)
            self.assertEqual(reply["header"]["msg_type"], "interrupt_reply")
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            raw.close()
        # An interrupt with no cell running must not hit the next cell.
        self.assertEqual(execute(self.kc, "1 + 1")[0]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
