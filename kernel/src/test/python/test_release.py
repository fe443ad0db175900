"""scripts/release.sh and what it builds, used as a user would:

- the zip, unzipped in a folder of its own (a space in its path), installs with ./install.sh --prefix without Maven
  (a `mvn` that fails is first on PATH) or the sources, and the kernel it installs runs a cell;
- the wheel, pip-installed into a `python3 -m venv` (with the system's site packages, where Debian's Jupyter is),
  puts the kernelspec where that environment's Jupyter finds it, and the kernel runs a cell;
- the jar carries the licence and the notices, which list every library bundled in it.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
import zipfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
DIST = os.path.join(ROOT, "build", "dist")

RUN_ONE_CELL = textwrap.dedent("""
    import sys
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    spec = KernelSpecManager().get_kernel_spec("java-async")
    print("RESOURCE_DIR", spec.resource_dir)
    km = KernelManager(kernel_name="java-async")
    km.start_kernel()
    kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=120)
    results = []
    kc.execute_interactive("6 * 7", timeout=120, output_hook=lambda m: m["msg_type"] == "execute_result"
                           and results.append(m["content"]["data"]["text/plain"]))
    print("RESULT", results)
    kc.stop_channels(); km.shutdown_kernel(now=True)
""")


def run_cell(kernel_dir):
    """Starts the kernelspec in `kernel_dir` and evaluates 6 * 7; returns what the cell showed."""
    ksm = KernelSpecManager(kernel_dirs=[os.path.dirname(kernel_dir)])
    km = KernelManager(kernel_name=os.path.basename(kernel_dir), kernel_spec_manager=ksm)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        results = []
        kc.execute_interactive("6 * 7", timeout=120, output_hook=lambda m: m["msg_type"] == "execute_result"
                               and results.append(m["content"]["data"]["text/plain"]))
        return results
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


class Release(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.build = subprocess.run(["bash", os.path.join(ROOT, "scripts", "release.sh")], cwd=ROOT,
                                   capture_output=True, text=True, timeout=1200)
        if cls.build.returncode != 0:
            raise AssertionError("release.sh failed:\n" + cls.build.stdout[-3000:] + cls.build.stderr[-3000:])
        cls.zip = glob.glob(os.path.join(DIST, "java-async-kernel-*.zip"))[0]
        cls.wheel = glob.glob(os.path.join(DIST, "java_async_kernel-*-py3-none-any.whl"))[0]
        cls.tmp = tempfile.mkdtemp(prefix="java-async-release.")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_zip_holds_the_jar_the_kernelspec_files_the_installer_and_the_licences(self):
        with zipfile.ZipFile(self.zip) as z:
            names = set(z.namelist())
            top = os.path.basename(self.zip)[:-len(".zip")] + "/"
            for name in ("install.sh", "launch-kernel.sh", "find-jdk.sh", "README.md", "LICENSE", "NOTICE",
                         "THIRD-PARTY-NOTICES.md", "kernelspec/javaasync-kernel.jar", "kernelspec/logo-32x32.png",
                         "kernelspec/logo-64x64.png"):
                self.assertIn(top + name, names)
            self.assertTrue(z.getinfo(top + "install.sh").external_attr >> 16 & 0o111, "install.sh is executable")
        self.assertRegex(os.path.basename(self.wheel), r"^java_async_kernel-\d+\.\d+\.\d+(\.dev0)?-py3-none-any\.whl$")

    def test_the_jar_carries_the_licence_and_notices_naming_every_bundled_library(self):
        with zipfile.ZipFile(self.zip) as z:
            jar_name = [n for n in z.namelist() if n.endswith("kernelspec/javaasync-kernel.jar")][0]
            jar_path = z.extract(jar_name, self.tmp)
        with zipfile.ZipFile(jar_path) as jar:
            names = set(jar.namelist())
            for name in ("LICENSE", "NOTICE", "THIRD-PARTY-NOTICES.md"):
                self.assertIn("META-INF/java-async-kernel/" + name, names)
            notices = jar.read("META-INF/java-async-kernel/THIRD-PARTY-NOTICES.md").decode()
            self.assertIn("Apache License", jar.read("META-INF/java-async-kernel/LICENSE").decode())
            # Nothing third-party outside the relocation prefix.
            for n in names:
                if n.endswith(".class"):
                    self.assertTrue(n.startswith("org/javaasync/"), n)
        listed = subprocess.run(
            ["mvn", "-B", "-q", "-ntp", "-pl", "kernel", "-am", "-DskipTests", "-Dspotless.check.skip",
             "-Dcheckstyle.skip", "package", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
             "-DincludeScope=runtime", "-DexcludeGroupIds=org.javaasync",
             "-DoutputFile=" + os.path.join(self.tmp, "deps.txt")],
            cwd=ROOT, capture_output=True, text=True, timeout=900)
        self.assertEqual(listed.returncode, 0, listed.stdout[-2000:])
        with open(os.path.join(self.tmp, "deps.txt")) as f:
            bundled = re.findall(r"^\s+([\w.-]+):([\w.-]+):jar:([\w.-]+):(?:compile|runtime)", f.read(), re.M)
        self.assertGreater(len(bundled), 20)
        for group, artifact, version in bundled:
            self.assertIn("| %s:%s | %s |" % (group, artifact, version), notices)

    def test_the_unzipped_release_installs_without_maven_or_sources_and_runs_a_cell(self):
        where = os.path.join(self.tmp, "unpacked here")
        with zipfile.ZipFile(self.zip) as z:
            z.extractall(where)
        release = glob.glob(os.path.join(where, "java-async-kernel-*"))[0]
        for f in ("install.sh", "launch-kernel.sh", "find-jdk.sh"):
            os.chmod(os.path.join(release, f), 0o755)  # zipfile does not restore modes; unzip does
        fake_bin = os.path.join(self.tmp, "no-maven")
        os.makedirs(fake_bin, exist_ok=True)
        with open(os.path.join(fake_bin, "mvn"), "w") as f:
            f.write("#!/bin/sh\necho 'mvn must not be needed' >&2\nexit 99\n")
        os.chmod(os.path.join(fake_bin, "mvn"), 0o755)
        prefix = os.path.join(self.tmp, "prefix")
        result = subprocess.run(["./install.sh", "--prefix", prefix], cwd=release, capture_output=True, text=True,
                                timeout=600, env=dict(os.environ, PATH=fake_bin + os.pathsep + os.environ["PATH"]))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        kernel_dir = os.path.join(prefix, "share", "jupyter", "kernels", "java-async")
        with open(os.path.join(kernel_dir, "kernel.json")) as f:
            self.assertIn("{resource_dir}/javaasync-kernel.jar", json.load(f)["argv"])
        self.assertTrue(os.path.exists(os.path.join(kernel_dir, "java-async.jsa")), "the CDS archive was trained")
        self.assertEqual(run_cell(kernel_dir), ["42"])

    def test_the_wheel_installs_the_kernel_into_a_virtual_environments_jupyter(self):
        venv = os.path.join(self.tmp, "venv")
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True, timeout=300)
        python = os.path.join(venv, "bin", "python")
        pip = subprocess.run([python, "-m", "pip", "install", "--no-index", "--no-deps", self.wheel],
                             capture_output=True, text=True, timeout=300)
        self.assertEqual(pip.returncode, 0, pip.stdout + pip.stderr)
        kernel_dir = os.path.join(venv, "share", "jupyter", "kernels", "java-async")
        self.assertTrue(os.path.exists(os.path.join(kernel_dir, "kernel.json")))
        # The environment's own Python finds the kernelspec through its sys.prefix, and the kernel runs a cell (the
        # launcher finds the JDK through JAVA_HOME, set by scripts/find-jdk.sh).
        run = subprocess.run([python, "-c", RUN_ONE_CELL], capture_output=True, text=True, timeout=300,
                             env={k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"})
        self.assertIn("RESOURCE_DIR " + kernel_dir, run.stdout, run.stdout + run.stderr)
        self.assertIn("RESULT ['42']", run.stdout, run.stdout + run.stderr)
        uninstall = subprocess.run([python, "-m", "pip", "uninstall", "-y", "java_async_kernel"],
                                   capture_output=True, text=True, timeout=300)
        self.assertEqual(uninstall.returncode, 0, uninstall.stderr)
        self.assertFalse(os.path.exists(os.path.join(kernel_dir, "kernel.json")))


if __name__ == "__main__":
    unittest.main()
