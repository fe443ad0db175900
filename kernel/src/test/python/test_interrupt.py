"""interrupt_request on the control channel stops a running cell within a second; the next cell runs."""
import time
import unittest

from kernel_support import KernelTestCase, RawChannel, kernel_time, collect_outputs, execute, shell_reply, _next


class Interrupt(KernelTestCase):

    def interrupt_after_start(self, code):
        """Runs `code` after printing a marker, interrupts once the marker arrives (the cell is running, not
        compiling), and returns the reply, the outputs after the marker and the kernel's interrupt-to-idle time."""
        msg_id = self.kc.execute('System.out.println("running"); ' + code)
        deadline = time.monotonic() + 60
        seen = []
        while "running" not in "".join(m["content"].get("text", "") for m in seen):
            self.assertLess(time.monotonic(), deadline, "the cell never started: %r" % seen)
            seen.append(_next(self.kc, self.kc.get_iopub_msg, "_iopub_stash", msg_id, deadline, "the marker"))
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

    def test_an_interrupt_while_compiling_stops_the_cell_before_it_runs(self):
        # A class of many methods takes JShell a long while to compile; the interrupt is sent once the kernel has
        # taken the request (its busy status), so it lands while the cell compiles, before any of it runs.
        methods = "".join("int m%d(int x) { return x + %d; } " % (i, i) for i in range(1500))
        msg_id = self.kc.execute('System.out.println("ran"); class Big { %s }' % methods)
        deadline = time.monotonic() + 60
        busy = _next(self.kc, self.kc.get_iopub_msg, "_iopub_stash", msg_id, deadline, "the busy status")
        self.assertEqual(busy["content"].get("execution_state"), "busy")
        self.kc.control_channel.send(self.kc.session.msg("interrupt_request", {}))
        reply = shell_reply(self.kc, msg_id, timeout=60)["content"]
        outputs = collect_outputs(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertNotIn("ran", "".join(m["content"].get("text", "") for m in outputs))
        self.assertEqual(execute(self.kc, "40 + 2")[0]["status"], "ok")

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
