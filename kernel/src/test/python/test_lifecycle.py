"""Restart and shutdown through jupyter_client, and nbconvert --execute of a small notebook."""
import os
import subprocess
import sys
import tempfile
import unittest

from jupyter_client import KernelManager

from kernel_support import KERNEL_NAME, START_TIMEOUT, execute, start_kernel, stop_kernel

RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resources")


class Restart(unittest.TestCase):

    def test_restart_gives_a_fresh_session(self):
        km, kc = start_kernel()
        try:
            execute(kc, "int survivor = 1;")
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            reply, _ = execute(kc, "survivor")
            self.assertEqual(reply["status"], "error")
            self.assertEqual(execute(kc, "1 + 1")[0]["status"], "ok")
        finally:
            stop_kernel(km, kc)

    def test_shutdown_ends_the_process_promptly(self):
        km, kc = start_kernel()
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        self.assertFalse(km.is_alive())


class ConsoleTerminal(unittest.TestCase):
    """jupyter console runs the kernel on the user's terminal: by default the kernel says nothing there."""

    def test_a_session_with_the_default_log_level_writes_nothing_to_the_kernels_stderr(self):
        env = {k: v for k, v in os.environ.items() if k != "JAVA_ASYNC_LOG_LEVEL"}
        with tempfile.TemporaryFile(mode="w+") as err:
            km = KernelManager(kernel_name=KERNEL_NAME)
            km.start_kernel(env=env, stderr=err)
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=START_TIMEOUT)
                self.assertEqual(execute(kc, "1 + 1")[0]["status"], "ok")
                self.assertEqual(execute(kc, 'System.err.println("to the cell");')[0]["status"], "ok")
            finally:
                stop_kernel(km, kc)
            err.seek(0)
            self.assertEqual(err.read(), "")


class NbconvertExecute(unittest.TestCase):

    def test_a_notebook_executes_to_html(self):
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                [sys.executable, "-m", "nbconvert", "--execute", "--to", "html",
                 "--ExecutePreprocessor.kernel_name=java-async", "--ExecutePreprocessor.timeout=120",
                 "--output-dir", out, os.path.join(RESOURCES, "smoke.ipynb")],
                capture_output=True, text=True, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr[-3000:])
            with open(os.path.join(out, "smoke.html"), encoding="utf-8") as f:
                html = f.read()
            self.assertIn("hello from java", html)
            self.assertIn("<b>bold</b>", html)
            self.assertIn("42", html)


if __name__ == "__main__":
    unittest.main()
