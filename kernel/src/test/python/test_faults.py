"""Faults the kernel survives: replayed messages, oversized frames, a heap held full while messages arrive, and the
death of the process that launched it."""
import os
import signal
import subprocess
import sys
import textwrap
import time
import unittest

from kernel_support import KERNEL_NAME, KernelTestCase, RawChannel, execute, shell_reply, start_kernel, stream_text


class Replays(KernelTestCase):

    def test_identical_signed_frames_sent_twice_execute_once(self):
        execute(self.kc, "int replayed = 0;")
        raw = RawChannel(self.km, "shell")
        try:
            msg = raw.request("execute_request", {"code": "replayed++;", "silent": False})
            frames = raw.session.serialize(msg)
            raw.send_frames(frames)
            self.assertIsNotNone(raw.recv(timeout=30), "the first copy is answered")
            raw.send_frames(frames)
            self.assertIsNone(raw.recv(timeout=1), "the replay must not be answered")
        finally:
            raw.close()
        reply, outputs = execute(self.kc, "replayed")
        self.assertEqual(reply["status"], "ok")
        result = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "1")


class OversizedMessages(unittest.TestCase):

    def test_a_frame_over_the_limit_is_refused_and_the_kernel_stays_small(self):
        km, kc = start_kernel({"JAVA_ASYNC_MAX_MESSAGE_MB": "8"})
        try:
            execute(kc, "0", timeout=120)
            from kernel_support import kernel_pid, rss_mb
            pid = kernel_pid(km)
            before = rss_mb(pid)
            raw = RawChannel(km, "shell")
            try:
                raw.send_frames([b"x" * (64 << 20)])  # 64 MiB, unsigned
            finally:
                raw.close()
            time.sleep(2)
            self.assertLess(rss_mb(pid) - before, 48, "the oversized frame was buffered")
            reply, _ = execute(kc, "1 + 1", timeout=60)
            self.assertEqual(reply["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class HeapHeldFull(unittest.TestCase):
    """A task holds the heap full while requests arrive: the sockets' threads run out of memory, survive it, and
    serve again once the task lets go."""

    def test_shell_and_control_answer_again_after_the_heap_was_full(self):
        km, kc = start_kernel({"JDK_JAVA_OPTIONS": "-Xmx256m"})
        try:
            execute(kc, "0", timeout=120)
            code = textwrap.dedent("""\
                var hog = new ArrayList<byte[]>();
                createTask(async(() -> {
                    try {
                        while (true) hog.add(new byte[256 * 1024]);
                    } catch (OutOfMemoryError full) {
                        // hold the heap full for a while, then let go
                    }
                    Thread.sleep(4000);
                    hog.clear();
                    System.gc();
                }), "hog");""")
            reply, _ = execute(kc, code, timeout=60)
            time.sleep(1)
            # Messages that need memory to be read arrive while the heap is full.
            for _ in range(5):
                kc.execute("int small = 1; // " + "y" * (2 << 20), stop_on_error=False)
                kc.kernel_info()
            time.sleep(8)
            # Requests that could not even be read (no memory to read them into) are dropped, as any malformed
            # message is; those that were read are answered, and none of them stops the queue (stop_on_error off).
            for _ in range(3):
                msg_id = kc.kernel_info()
                reply = shell_reply(kc, msg_id, timeout=30)
                self.assertEqual(reply["content"]["status"], "ok")
            control = RawChannel(km, "control")
            try:
                msg = control.request("kernel_info_request", {})
                control.send(msg)
                answer = control.recv(timeout=30)
                self.assertIsNotNone(answer, "control does not answer")
                self.assertEqual(answer["parent_header"]["msg_id"], msg["header"]["msg_id"])
            finally:
                control.close()
            reply, outputs = execute(kc, 'System.out.println("after");', timeout=120)
            self.assertEqual(reply["status"], "ok")
            self.assertEqual(stream_text(outputs), "after\n")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class HeapReturned(unittest.TestCase):

    def test_after_a_cell_that_filled_the_heap_the_memory_goes_back(self):
        from kernel_support import kernel_pid, rss_mb
        km, kc = start_kernel({"JDK_JAVA_OPTIONS": "-Xmx1g"})
        try:
            execute(kc, "0", timeout=120)
            pid = kernel_pid(km)
            reply, _ = execute(kc, "var chunks = new ArrayList<byte[]>();\n"
                                   "try { while (true) chunks.add(new byte[1 << 20]); }\n"
                                   "catch (OutOfMemoryError full) { chunks = null; }", timeout=120)
            self.assertEqual(reply["status"], "ok")
            committed_mb = 0
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                reply, outputs = execute(kc, "Runtime.getRuntime().totalMemory() >> 20", timeout=60)
                committed_mb = int([m["content"]["data"]["text/plain"] for m in outputs
                                    if m["msg_type"] == "execute_result"][0])
                if committed_mb < 400:
                    break
                time.sleep(1)
            self.assertLess(committed_mb, 400, "the kernel kept the heap it filled (1 GB)")
            self.assertLess(rss_mb(pid), 900, "the memory was not given back to the system")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class BlockingSocketReads(KernelTestCase):
    """A cell blocked reading a socket that never sends stops on an interrupt, whichever way it reads."""

    def test_socket_and_url_reads_stop_on_interrupt(self):
        reply, _ = execute(self.kc, "var server = new ServerSocket(0);\n"
                                    "var client = new Socket(\"localhost\", server.getLocalPort());\n"
                                    "var accepted = server.accept();", timeout=60)
        self.assertEqual(reply["status"], "ok", "a task connects and accepts on loopback")
        # The thread read first: the interrupted socket reads after it close the client socket, which ends it.
        for code in ("var viaThread = await toThread(() -> accepted.getInputStream().read());",
                     "int got = client.getInputStream().read();",
                     "var url = new URL(\"http://localhost:\" + server.getLocalPort() + \"/\");\n"
                     "var data = url.openStream().readAllBytes();"):
            with self.subTest(code=code):
                msg_id = self.kc.execute(code)
                time.sleep(3)  # blocked in the read by now
                self.kc.control_channel.send(self.kc.session.msg("interrupt_request", {}))
                reply = shell_reply(self.kc, msg_id, timeout=30)
                self.assertEqual(reply["content"]["status"], "error")
                self.assertEqual(reply["content"]["ename"], "Interrupted", reply["content"])
                self.assertEqual(execute(self.kc, "1 + 1")[0]["status"], "ok")


class Orphans(unittest.TestCase):

    LAUNCHER = textwrap.dedent("""\
        import sys, time
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name=sys.argv[1])
        km.start_kernel()
        print(km.provisioner.process.pid, flush=True)
        time.sleep(3600)
        """)

    def test_the_kernel_exits_when_the_process_that_launched_it_dies(self):
        launcher = subprocess.Popen([sys.executable, "-c", self.LAUNCHER, KERNEL_NAME], stdout=subprocess.PIPE,
                                    text=True)
        kernel_pid = int(launcher.stdout.readline())
        try:
            time.sleep(3)
            self.assertTrue(os.path.exists("/proc/%d" % kernel_pid), "the kernel started")
            launcher.send_signal(signal.SIGKILL)
            launcher.wait(10)
            deadline = time.monotonic() + 30
            while os.path.exists("/proc/%d" % kernel_pid) and time.monotonic() < deadline:
                with open("/proc/%d/stat" % kernel_pid) as stat:
                    if stat.read().split()[2] == "Z":
                        break  # exited; only its reaping is left, to whoever adopted it
                time.sleep(0.2)
            alive = os.path.exists("/proc/%d" % kernel_pid)
            if alive:
                with open("/proc/%d/stat" % kernel_pid) as stat:
                    alive = stat.read().split()[2] != "Z"
            self.assertFalse(alive, "the kernel outlived its launcher")
        finally:
            try:
                os.kill(kernel_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    unittest.main()
