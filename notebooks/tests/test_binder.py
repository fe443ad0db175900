"""binder/postBuild, the script repo2docker runs on Binder, works here: it builds the release, pip-installs its wheel
into a temporary prefix, and the kernelspec it installs starts a kernel that evaluates `1 + 1`.

Binder itself cannot be launched from here; conda-forge's JDK is replaced by the JDK scripts/find-jdk.sh finds.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class BinderPostBuildTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.prefix = tempfile.mkdtemp(prefix="java-async-binder.")
        # postBuild runs on Binder with JAVA_HOME set by conda's activation; here find-jdk.sh supplies it.
        cls.post_build = subprocess.run(
            ["bash", "-c", 'source scripts/find-jdk.sh >/dev/null && exec binder/postBuild --prefix "$1"', "_",
             cls.prefix], cwd=ROOT, capture_output=True, text=True, timeout=900)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.prefix, ignore_errors=True)

    def test_post_build_succeeds_against_a_temporary_prefix(self):
        self.assertEqual(self.post_build.returncode, 0, self.post_build.stdout + self.post_build.stderr)

    def test_post_build_leaves_a_java_async_kernelspec_in_the_prefix(self):
        path = os.path.join(self.prefix, "share", "jupyter", "kernels", "java-async", "kernel.json")
        self.assertTrue(os.path.exists(path), self.post_build.stdout + self.post_build.stderr)
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        self.assertEqual(spec["language"], "java")
        self.assertEqual(spec.get("interrupt_mode"), "message")

    def test_the_installed_kernelspec_starts_a_kernel_that_evaluates_one_plus_one(self):
        ksm = KernelSpecManager(kernel_dirs=[os.path.join(self.prefix, "share", "jupyter", "kernels")])
        km = KernelManager(kernel_name="java-async", kernel_spec_manager=ksm)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            results = []

            def on_output(msg):
                if msg["msg_type"] == "execute_result":
                    results.append(msg["content"]["data"]["text/plain"])

            reply = kc.execute_interactive("1 + 1", timeout=60, output_hook=on_output)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(results, ["2"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
