"""%maven through the real kernel and a real client.

- Against Maven Central (CI reaches it): for real artifacts (a version range, a classifier, a relocated artifact,
  a BOM-managed one, a deep tree with conflicts), the class path the kernel builds equals what
  `mvn dependency:build-classpath` gives for a POM with that one dependency.
- The user's libraries win: after %maven of a Jackson the kernel does not bundle, a cell gets that version.
- Against a file:// repository written here, with the kernel's home (so its ~/.m2) in a temporary directory:
  bad and missing checksums, a POM whose version climbs out of the local repository, plain http, the progress line;
  the kernel keeps working after each failure.
- Configuration errors (JAVAASYNC_MAVEN_REPOSITORIES, JAVA_ASYNC_OUTPUT_LIMIT, JAVA_ASYNC_LOG_LEVEL) are logged and
  the kernel starts anyway.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

from kernel_support import execute, shell_reply, start_kernel, stop_kernel, stream_text

MVN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


def error_text(outputs):
    return "\n".join(m["content"]["evalue"] for m in outputs if m["msg_type"] == "error")


def result_text(outputs):
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    return results[0]["content"]["data"]["text/plain"] if results else None


def kernel_class_path(kc):
    """The jars %maven added, in order, as `%classpath` lists them."""
    reply, outputs = execute(kc, "%classpath")
    text = stream_text(outputs)
    assert text.startswith("Added so far:\n"), text
    return [line.strip() for line in text.splitlines()[1:] if line.strip()]


def mvn_class_path(workdir, dependency, management=""):
    """`mvn dependency:build-classpath` (runtime scope) of a POM with one dependency."""
    pom = """<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>probe</groupId><artifactId>probe</artifactId><version>1</version><packaging>jar</packaging>
<dependencyManagement><dependencies>%s</dependencies></dependencyManagement>
<dependencies>%s</dependencies></project>""" % (management, dependency)
    with open(os.path.join(workdir, "pom.xml"), "w") as f:
        f.write(pom)
    out = os.path.join(workdir, "cp.txt")
    result = subprocess.run(
        ["mvn", "-B", "-q", "-ntp", MVN_DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=" + out,
         "-Dmdep.includeScope=runtime"],
        cwd=workdir, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise AssertionError("mvn failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    with open(out) as f:
        return [p for p in f.read().strip().split(os.pathsep) if p]


def dep(g, a, v=None, classifier=None, extra=""):
    return "<dependency><groupId>%s</groupId><artifactId>%s</artifactId>%s%s%s</dependency>" % (
        g, a, "<version>%s</version>" % v if v else "", "<classifier>%s</classifier>" % classifier if classifier else "",
        extra)


class ClassPathEqualsMavens(unittest.TestCase):
    """Each case in a fresh kernel: a session resolves all its requests together, so cases must not share one."""

    CASES = [
        ("version range", ["%maven org.apache.commons:commons-lang3:[3.12,3.13)"],
         dep("org.apache.commons", "commons-lang3", "[3.12,3.13)"), ""),
        ("classifier", ["%maven io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final"],
         dep("io.netty", "netty-transport-native-epoll", "4.1.115.Final", "linux-x86_64"), ""),
        ("relocation", ["%maven mysql:mysql-connector-java:8.0.33"],
         dep("mysql", "mysql-connector-java", "8.0.33"), ""),
        ("BOM-managed", ["%maven --bom com.fasterxml.jackson:jackson-bom:2.17.2"
                         " com.fasterxml.jackson.dataformat:jackson-dataformat-yaml"],
         dep("com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml"),
         dep("com.fasterxml.jackson", "jackson-bom", "2.17.2", extra="<type>pom</type><scope>import</scope>")),
        ("deep tree with conflicts", ["%maven org.apache.maven:maven-core:3.9.9"],
         dep("org.apache.maven", "maven-core", "3.9.9"), ""),
    ]

    def test_the_kernels_class_path_is_mavens_for_each_artifact(self):
        for name, cells, dependency, management in self.CASES:
            with self.subTest(name), tempfile.TemporaryDirectory() as workdir:
                expected = mvn_class_path(workdir, dependency, management)
                km, kc = start_kernel({})
                try:
                    for cell in cells:
                        reply, outputs = execute(kc, cell, timeout=600)
                        self.assertEqual(reply["status"], "ok", error_text(outputs))
                    self.assertEqual(kernel_class_path(kc), expected)
                finally:
                    stop_kernel(km, kc)

    def test_the_relocated_artifact_is_named_by_its_new_coordinates(self):
        km, kc = start_kernel({})
        try:
            reply, outputs = execute(kc, "%maven mysql:mysql-connector-java:8.0.33", timeout=600)
            self.assertEqual(reply["status"], "ok", error_text(outputs))
            self.assertIn("com.mysql:mysql-connector-j:8.0.33", stream_text(outputs))
            reply, outputs = execute(kc, "com.mysql.cj.jdbc.Driver.class.getSimpleName()")
            self.assertEqual(result_text(outputs), '"Driver"')
        finally:
            stop_kernel(km, kc)


class UserLibrariesWin(unittest.TestCase):

    def test_a_jackson_the_kernel_does_not_bundle_is_the_one_a_cell_gets(self):
        km, kc = start_kernel({})
        try:
            reply, outputs = execute(kc, "%maven com.fasterxml.jackson.core:jackson-databind:2.17.2", timeout=600)
            self.assertEqual(reply["status"], "ok", error_text(outputs))
            reply, outputs = execute(
                kc,
                "import com.fasterxml.jackson.databind.ObjectMapper;\n"
                "var mapper = new ObjectMapper();\n"
                "mapper.version() + \" \" + ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()"
                " + \" \" + mapper.writeValueAsString(java.util.Map.of(\"a\", 1))")
            self.assertEqual(reply["status"], "ok", error_text(outputs))
            version, location, written = result_text(outputs).strip('"').split(" ")
            self.assertEqual(version, "2.17.2")
            self.assertTrue(location.endswith("/jackson-databind-2.17.2.jar"), location)
            self.assertEqual(written, '{\\"a\\":1}')
            # Nothing of what the kernel bundles is visible under its own name.
            for name in ("com.google.gson.Gson", "org.zeromq.ZMQ", "org.eclipse.aether.RepositorySystem",
                         "org.slf4j.LoggerFactory", "io.github.spencerpark.jupyter.kernel.BaseKernel"):
                reply, outputs = execute(kc, 'Class.forName("%s")' % name)
                self.assertIn("ClassNotFoundException", error_text(outputs) + str(outputs), name)
        finally:
            stop_kernel(km, kc)


def publish(repo, g, a, v, pom_body="", checksums=True):
    """Writes g:a:v (a POM and a jar with one class-free entry) in Maven's layout, with .sha1 and .md5 files."""
    base = os.path.join(repo, *g.split("."), a, v)
    os.makedirs(base, exist_ok=True)
    pom = ("<project><modelVersion>4.0.0</modelVersion><groupId>%s</groupId><artifactId>%s</artifactId>"
           "<version>%s</version>%s</project>" % (g, a, v, pom_body)).encode()
    jar = make_jar()
    for ext, body in (("pom", pom), ("jar", jar)):
        path = os.path.join(base, "%s-%s.%s" % (a, v, ext))
        with open(path, "wb") as f:
            f.write(body)
        if checksums:
            for algorithm, suffix in ((hashlib.sha1, ".sha1"), (hashlib.md5, ".md5")):
                with open(path + suffix, "w") as f:
                    f.write(algorithm(body).hexdigest())
    return os.path.join(base, "%s-%s.jar" % (a, v))


def make_jar():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        z.writestr("demo/readme.txt", "a jar from a test repository")
    return buffer.getvalue()


class LocalRepositoryTrust(unittest.TestCase):
    """One kernel whose ~/.m2 is temporary, resolving from a file:// repository written here."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="java-async-maven.")
        cls.repo = os.path.join(cls.tmp, "repo")
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(cls.home)
        publish(cls.repo, "demo", "good", "1.0")
        bad = publish(cls.repo, "demo", "tampered", "1.0")
        with open(bad + ".sha1", "w") as f:
            f.write("0" * 40)
        publish(cls.repo, "demo", "unsigned", "1.0", checksums=False)
        publish(cls.repo, "demo", "climber", "1.0",
                "<dependencies><dependency><groupId>demo</groupId><artifactId>good</artifactId>"
                "<version>../../../../outside</version></dependency></dependencies>")
        cls.km, cls.kc = start_kernel({
            "JDK_JAVA_OPTIONS": "-Duser.home=" + cls.home,
            "JAVAASYNC_MAVEN_REPOSITORIES": "test=file://" + cls.repo,
        })

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def assert_still_works(self):
        reply, outputs = execute(self.kc, "6 * 7")
        self.assertEqual(result_text(outputs), "42")

    def failure(self, cell):
        reply, outputs = execute(self.kc, cell, timeout=120)
        self.assertEqual(reply["status"], "error")
        return error_text(outputs)

    def test_a_good_artifact_downloads_with_one_progress_line_updated_in_place(self):
        reply, outputs = execute(self.kc, "%maven demo:good:1.0", timeout=120)
        self.assertEqual(reply["status"], "ok", error_text(outputs))
        local = os.path.join(self.home, ".m2", "repository", "demo", "good", "1.0", "good-1.0.jar")
        self.assertIn("demo:good:1.0  " + local, stream_text(outputs))
        shown = [m for m in outputs if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertEqual(shown[0]["msg_type"], "display_data")
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertTrue(all(m["msg_type"] == "update_display_data" for m in shown[1:]), shown)
        self.assertTrue(all(m["content"]["transient"]["display_id"] == display_id for m in shown), shown)
        self.assertRegex(shown[-1]["content"]["data"]["text/plain"], r"^Downloaded \d+ files? \(.*\) from test in ")

    def test_a_wrong_checksum_fails_names_the_artifact_and_keeps_nothing(self):
        text = self.failure("%maven demo:tampered:1.0")
        self.assertIn("%maven could not resolve demo:tampered:1.0", text)
        self.assertIn("Checksum", text)
        self.assertFalse(os.path.exists(
            os.path.join(self.home, ".m2", "repository", "demo", "tampered", "1.0", "tampered-1.0.jar")))
        self.assert_still_works()

    def test_a_missing_checksum_fails(self):
        text = self.failure("%maven demo:unsigned:1.0")
        self.assertIn("demo:unsigned", text)
        self.assertIn("hecksum", text)
        self.assert_still_works()

    def test_a_pom_version_that_climbs_out_of_the_local_repository_is_refused(self):
        text = self.failure("%maven demo:climber:1.0")
        self.assertIn("../../../../outside", text)
        self.assertIn("Invalid version", text)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "outside")))
        self.assert_still_works()

    def test_a_missing_artifact_names_the_coordinate_and_the_repository_tried(self):
        text = self.failure("%maven demo:absent:1.0")
        self.assertIn("demo:absent", text)
        self.assertIn("test (file://" + self.repo, text)
        self.assert_still_works()

    def test_plain_http_repositories_are_refused_unless_asked_for(self):
        text = self.failure("%mavenRepo corp http://repo.example.invalid/maven")
        self.assertIn("refused plain http", text)
        reply, outputs = execute(self.kc, "%mavenRepo --allow-http corp http://repo.example.invalid/maven")
        self.assertEqual(reply["status"], "ok", error_text(outputs))
        reply, outputs = execute(self.kc, "%mavenRepo")
        self.assertIn("corp (http://repo.example.invalid/maven/)", stream_text(outputs))


class ConfigurationErrorsNeverStopTheStart(unittest.TestCase):

    def test_bad_settings_are_logged_and_the_kernel_starts_without_them(self):
        with tempfile.TemporaryFile(mode="w+") as log:
            km, kc = start_kernel({
                "JAVAASYNC_MAVEN_REPOSITORIES": "not a uri/ x",
                "JAVA_ASYNC_OUTPUT_LIMIT": "lots",
                "JAVA_ASYNC_LOG_LEVEL": "chatty",
            }, stderr=log)
            try:
                reply = shell_reply(kc, kc.kernel_info(), timeout=30)
                self.assertEqual(reply["content"]["status"], "ok")
                reply, outputs = execute(kc, "1 + 1", timeout=120)
                self.assertEqual(result_text(outputs), "2")
                reply, outputs = execute(kc, "%mavenRepo")
                self.assertIn("central (https://repo.maven.apache.org/maven2/)", stream_text(outputs))
            finally:
                stop_kernel(km, kc)
            log.seek(0)
            logged = log.read()
        self.assertIn("JAVAASYNC_MAVEN_REPOSITORIES: entry 'not' left out", logged)
        self.assertIn("lists no usable repository", logged)
        self.assertIn("JAVA_ASYNC_OUTPUT_LIMIT='lots' is not a number", logged)
        self.assertIn("unknown JAVA_ASYNC_LOG_LEVEL 'chatty'", logged)



class InterruptedDownload(unittest.TestCase):
    """An interrupt stops a %maven that waits on a repository that never answers; the session keeps what it had."""

    def test_an_interrupt_stops_a_stalled_download_and_the_kernel_goes_on(self):
        import socket
        import threading
        import time
        stalled = socket.socket()
        stalled.bind(("127.0.0.1", 0))
        stalled.listen(16)
        held = []
        threading.Thread(target=lambda: [held.append(stalled.accept()) for _ in range(16)], daemon=True).start()
        home = tempfile.mkdtemp()
        km, kc = start_kernel({"HOME": home, "JAVAASYNC_MAVEN_REPOSITORIES": ""})
        try:
            execute(kc, "0", timeout=120)
            reply, _ = execute(kc, "%%mavenRepo --allow-http stalled http://127.0.0.1:%d/" % stalled.getsockname()[1])
            self.assertEqual(reply["status"], "ok")
            msg_id = kc.execute("%maven org.example.never:answers:1.0")
            time.sleep(5)  # the resolver is waiting on the stalled repository
            kc.control_channel.send(kc.session.msg("interrupt_request", {}))
            reply = shell_reply(kc, msg_id, timeout=60)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertIn("interrupted", reply["content"]["evalue"])
            reply, outputs = execute(kc, "1 + 1")
            self.assertEqual(result_text(outputs), "2")
        finally:
            stop_kernel(km, kc)
            stalled.close()
            shutil.rmtree(home, ignore_errors=True)

if __name__ == "__main__":
    unittest.main()
