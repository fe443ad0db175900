"""install/install.sh: kernel.json, logos, the CDS archive, listing by jupyter, and --uninstall."""
import json
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
INSTALL = os.path.join(ROOT, "install", "install.sh")


class Installer(unittest.TestCase):

    def run_install(self, *args, env=None):
        return subprocess.run(["bash", INSTALL, *args], capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, **(env or {})))

    def test_prefix_install_then_uninstall(self):
        with tempfile.TemporaryDirectory() as prefix:
            result = self.run_install("--prefix", prefix)
            self.assertEqual(result.returncode, 0, result.stderr)
            kernel_dir = os.path.join(prefix, "share", "jupyter", "kernels", "java-async")
            with open(os.path.join(kernel_dir, "kernel.json")) as f:
                spec = json.load(f)
            self.assertEqual(spec["display_name"], "Java (async)")
            self.assertEqual(spec["language"], "java")
            self.assertEqual(spec["interrupt_mode"], "message")
            argv = spec["argv"]
            self.assertTrue(os.path.isabs(argv[0]) and argv[0].endswith("/bin/java"), argv[0])
            version = subprocess.run([argv[0], "-version"], capture_output=True, text=True).stderr
            self.assertRegex(version, r'version "(2[5-9]|[3-9]\d)')
            self.assertIn("{connection_file}", argv)
            self.assertIn("--add-opens", argv)
            self.assertTrue(any(a.startswith("-XX:SharedArchiveFile=") for a in argv))
            for logo in ("logo-32x32.png", "logo-64x64.png"):
                with open(os.path.join(kernel_dir, logo), "rb") as f:
                    self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
            self.assertTrue(os.path.exists(os.path.join(kernel_dir, "javaasync-kernel.jar")))
            listed = subprocess.run(["jupyter", "kernelspec", "list"], capture_output=True, text=True,
                                    env=dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter")))
            self.assertIn("java-async", listed.stdout)
            result = self.run_install("--prefix", prefix, "--uninstall")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertFalse(os.path.exists(kernel_dir))

    def test_user_install_goes_to_the_users_jupyter_data_dir(self):
        with tempfile.TemporaryDirectory() as home:
            env = {"HOME": home, "JUPYTER_DATA_DIR": os.path.join(home, "data")}
            result = self.run_install("--user", env=env)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(os.path.exists(os.path.join(home, "data", "kernels", "java-async", "kernel.json")))
            self.assertEqual(self.run_install("--user", "--uninstall", env=env).returncode, 0)
            self.assertFalse(os.path.exists(os.path.join(home, "data", "kernels", "java-async")))

    def test_jvm_flags_are_added_to_the_kernels_command_and_bad_ones_refused(self):
        with tempfile.TemporaryDirectory() as prefix:
            result = self.run_install("--prefix", prefix, "--jvm-flag", "-Xmx777m",
                                      "--jvm-flag=-XX:TieredStopAtLevel=1")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(prefix, "share", "jupyter", "kernels", "java-async", "kernel.json")) as f:
                argv = json.load(f)["argv"]
            main = argv.index("org.javaasync.kernel.Main")
            self.assertIn("-Xmx777m", argv[:main])
            self.assertIn("-XX:TieredStopAtLevel=1", argv[:main])
            refused = self.run_install("--prefix", prefix, "--jvm-flag", "-XX:+NoSuchOptionAnywhere")
            self.assertEqual(refused.returncode, 2)
            self.assertIn("NoSuchOptionAnywhere", refused.stderr)

    def test_sys_prefix_installs_under_the_prefix_of_jupyters_python(self):
        # A stand-in `jupyter` whose interpreter reports a temporary sys.prefix: the real one would be /usr.
        with tempfile.TemporaryDirectory() as tmp:
            bin_dir, env_prefix = os.path.join(tmp, "bin"), os.path.join(tmp, "env")
            os.makedirs(bin_dir)
            python = os.path.join(bin_dir, "python")
            with open(python, "w") as f:
                f.write("#!/bin/sh\necho %s\n" % env_prefix)
            jupyter = os.path.join(bin_dir, "jupyter")
            with open(jupyter, "w") as f:
                f.write("#!%s\n" % python)
            os.chmod(python, 0o755)
            os.chmod(jupyter, 0o755)
            env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"]}
            result = self.run_install("--sys-prefix", env=env)
            self.assertEqual(result.returncode, 0, result.stderr)
            kernel_dir = os.path.join(env_prefix, "share", "jupyter", "kernels", "java-async")
            self.assertTrue(os.path.exists(os.path.join(kernel_dir, "kernel.json")), result.stdout + result.stderr)
            self.assertEqual(self.run_install("--sys-prefix", "--uninstall", env=env).returncode, 0)
            self.assertFalse(os.path.exists(kernel_dir))

    def test_unknown_options_are_refused(self):
        result = self.run_install("--bogus")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("unknown option", result.stderr)


if __name__ == "__main__":
    unittest.main()
