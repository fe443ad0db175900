"""install/install.sh: kernel.json, logos, the CDS archive, listing by jupyter, the options, and --uninstall."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
INSTALL = os.path.join(ROOT, "install", "install.sh")
SYSTEM_PYTHON = sys.executable  # the one with jupyter_core, which the venv below inherits


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

    def test_sys_prefix_installs_into_the_environment_of_jupyters_python_whatever_its_shebang(self):
        # A virtual environment whose `jupyter` starts with "#!/usr/bin/env python3": the environment's python3
        # runs it only because the environment's bin/ comes first on PATH, as after `source bin/activate`.
        with tempfile.TemporaryDirectory() as tmp:
            venv = os.path.join(tmp, "venv")
            subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", "--without-pip", venv],
                           check=True)
            # The commands an installed Jupyter has in the environment's bin/ (jupyter runs jupyter-SUBCOMMAND).
            for command, entry in [("jupyter", "jupyter_core.command:main"),
                                   ("jupyter-kernelspec", "jupyter_client.kernelspecapp:KernelSpecApp.launch_instance"),
                                   ("jupyter-troubleshoot", "jupyter_core.troubleshoot:main")]:
                module, function = entry.split(":")
                path = os.path.join(venv, "bin", command)
                with open(path, "w") as f:
                    f.write("#!/usr/bin/env python3\nimport sys\nfrom %s import %s\nsys.exit(%s())\n"
                            % (module, function.split(".")[0], function))
                os.chmod(path, 0o755)
            env = {"PATH": os.path.join(venv, "bin") + os.pathsep + os.environ["PATH"]}
            result = self.run_install("--sys-prefix", env=env)
            self.assertEqual(result.returncode, 0, result.stderr)
            kernel_dir = os.path.join(venv, "share", "jupyter", "kernels", "java-async")
            self.assertTrue(os.path.exists(os.path.join(kernel_dir, "kernel.json")), result.stdout + result.stderr)
            result = self.run_install("--sys-prefix", "--uninstall", env=env)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertFalse(os.path.exists(kernel_dir))

    def test_name_display_name_java_and_env_options_shape_the_kernelspec(self):
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
        with tempfile.TemporaryDirectory() as prefix:
            result = self.run_install("--prefix", prefix, "--name", "java-async-test", "--display-name",
                                      'Java "test" ü', "--java", java, "--env", "JAVAASYNC_MAVEN_REPOSITORIES=a=b c",
                                      "--env=EMPTY=")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(prefix, "share", "jupyter", "kernels", "java-async-test", "kernel.json")) as f:
                spec = json.load(f)
            self.assertEqual(spec["display_name"], 'Java "test" ü')
            self.assertEqual(spec["argv"][0], java)
            # The kernel's own default (two malloc arenas) comes first; a user's --env adds to it.
            self.assertEqual(spec["env"], {"MALLOC_ARENA_MAX": "2", "JAVAASYNC_MAVEN_REPOSITORIES": "a=b c",
                                           "EMPTY": ""})
            # The kernelspec names no absolute path of its own: it can be moved, as Jupyter's own installs can.
            self.assertIn("{resource_dir}/javaasync-kernel.jar", spec["argv"])
            self.assertFalse(any(prefix in a for a in spec["argv"]), spec["argv"])

    def test_an_env_option_replaces_the_kernels_default_of_the_same_name(self):
        with tempfile.TemporaryDirectory() as stage:
            result = self.run_install("--stage", stage, "--env", "MALLOC_ARENA_MAX=8")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(stage, "kernel.json")) as f:
                self.assertEqual(json.load(f)["env"], {"MALLOC_ARENA_MAX": "8"})

    def test_bad_option_values_are_refused_before_anything_is_installed(self):
        with tempfile.TemporaryDirectory() as tmp:
            for args, message in [
                (["--prefix", os.path.join(tmp, "with\ttab")], "control character"),
                (["--prefix", os.path.join(tmp, "new\nline")], "control character"),
                (["--prefix", os.path.join(tmp, "a:b")], "':'"),
                (["--prefix", tmp, "--name", "bad/name"], "kernelspec name"),
                (["--prefix", tmp, "--env", "1X=y"], "NAME=VALUE"),
                (["--prefix", tmp, "--display-name", "two\nlines"], "control character"),
                (["--prefix", tmp, "--java", "/nonexistent/java"], "not an executable"),
            ]:
                with self.subTest(args=args):
                    result = self.run_install(*args)
                    self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                    self.assertIn(message, result.stderr)
            self.assertEqual(os.listdir(tmp), [], "nothing was written")

    def test_without_root_the_main_commands_packages_step_says_what_to_install_and_goes_on(self):
        # As a user who is not root and has no sudo: `id -u` answers 1000 and sudo refuses.
        script = ('source scripts/packages.sh; id() { echo 1000; }; sudo() { return 1; }; '
                  'ensure_debian_packages --or-advise python3-jupyter-client no-such-package-java-async; '
                  'echo CONTINUED')
        result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("CONTINUED", result.stdout)
        self.assertIn("sudo apt-get install -y no-such-package-java-async", result.stderr)
        self.assertNotIn("python3-jupyter-client", result.stderr.split("install -y")[1], "installed ones not listed")

    def test_unknown_options_are_refused(self):
        result = self.run_install("--bogus")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("unknown option", result.stderr)


if __name__ == "__main__":
    unittest.main()
