"""In a real browser: Debian's classic notebook (jupyter-notebook) with the java-async kernel, driven in headless
Chromium through chromedriver and Selenium. Cell 1 leaves a task that prints 1 s later, while cell 2 sleeps 2 s;
the late lines must be shown under cell 1, never under cell 2.

A screenshot of the page is kept as build/test-artifacts/await-late-output.png.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from kernel_support import KERNEL_NAME

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
ARTIFACTS = os.path.join(ROOT, "build", "test-artifacts")
SCREENSHOT = os.path.join(ARTIFACTS, "await-late-output.png")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Flags for a closed network and a root user: without the background-networking ones Chromium keeps trying to
# reach Google's hosts; a fresh --user-data-dir is added per run.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1200,900"]

# The task says whether cell 1 had finished when it printed (by looking for cell 1's task among the live ones),
# so that a slow start, which would make the lines early instead of late, cannot pass for the late case.
CELL_1 = '''String cell1 = currentTask().getName();
System.out.println("cell 1 ran");
createTask(async(() -> {
    await sleep(1);
    boolean finished = allTasks().stream().noneMatch(t -> t.getName().equals(cell1));
    System.out.println("late line 1" + (finished ? "" : " (printed before cell 1 finished)"));
    await sleep(0.5);
    System.out.println("late line 2");
    return null;
}), "late-printer");'''
CELL_2 = 'await sleep(2);\nSystem.out.println("cell 2 ran");'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}
             for source in (CELL_1, CELL_2)]
    nb = {"nbformat": 4, "nbformat_minor": 4, "cells": cells,
          "metadata": {"kernelspec": {"name": KERNEL_NAME, "display_name": "Java (async)", "language": "java"}}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f)


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


class LateOutputInTheClassicNotebook(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        cls.work = tempfile.mkdtemp(prefix="await-browser-")
        write_notebook(os.path.join(cls.work, "late.ipynb"))
        port, token = free_port(), "await-browser-test"
        cls.server_log = open(os.path.join(cls.work, "notebook.log"), "w")
        # The notebook server finds the kernel through JUPYTER_PATH (the test prefix), as the other tests do.
        cls.server = subprocess.Popen(
            [sys.executable, "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", "--port=%d" % port,
             "--port-retries=0", "--NotebookApp.token=" + token, "--notebook-dir=" + cls.work],
            stdout=cls.server_log, stderr=subprocess.STDOUT, cwd=cls.work)
        base = "http://127.0.0.1:%d" % port

        def server_up():
            try:
                return urllib.request.urlopen(base + "/api/status?token=" + token, timeout=2).status == 200
            except OSError:
                return False
        wait_until(server_up, 60, "the notebook server")

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROMIUM_FLAGS + ["--user-data-dir=" + os.path.join(cls.work, "chromium-profile")]:
            options.add_argument(flag)
        cls.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            cls.run_cells(base + "/notebooks/late.ipynb?token=" + token)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def run_cells(cls, url):
        driver = cls.driver
        driver.get(url)
        wait_until(lambda: driver.execute_script(
            "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
            " && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply"
            " && Jupyter.notebook.kernel.info_reply.status === 'ok')"), 120, "the kernel to connect")
        # The kernel's first request waits for JShell to warm up; do that outside the notebook's cells.
        driver.execute_script(
            "window.warm = false; Jupyter.notebook.kernel.execute('0', {shell: {reply: () => window.warm = true}});")
        wait_until(lambda: driver.execute_script("return window.warm"), 120, "a first request to the kernel")
        # As a user does it: shift-enter on cell 1, then at once on cell 2.
        driver.execute_script("Jupyter.notebook.execute_cells([0]); Jupyter.notebook.execute_cells([1]);")
        wait_until(lambda: driver.execute_script(
            "return typeof Jupyter.notebook.get_cell(1).input_prompt_number === 'number'"), 180,
            "cell 2 to finish (its prompt shows In [n], not In [*])")
        time.sleep(2.0)  # the late-printer ends before cell 2; give its last update time to be drawn
        cls.outputs = driver.execute_script(
            "return Jupyter.notebook.get_cells().map(c => c.element.find('.output_area').text());")
        os.makedirs(ARTIFACTS, exist_ok=True)
        driver.save_screenshot(SCREENSHOT)

    @classmethod
    def tearDownClass(cls):
        driver = getattr(cls, "driver", None)
        if driver is not None:
            driver.quit()
        cls.server.terminate()
        try:
            cls.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        cls.server_log.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_each_cells_own_output_shows_under_it(self):
        self.assertIn("cell 1 ran", self.outputs[0])
        self.assertIn("cell 2 ran", self.outputs[1])
        self.assertNotIn("cell 1 ran", self.outputs[1])

    def test_no_late_line_shows_under_cell_2(self):
        self.assertNotIn("late line", self.outputs[1])

    def test_the_late_lines_show_under_cell_1_in_order(self):
        self.assertNotIn("before cell 1 finished", self.outputs[0], "the lines were not late: the test proves nothing")
        first, second = self.outputs[0].find("late line 1"), self.outputs[0].find("late line 2")
        self.assertGreaterEqual(first, 0, self.outputs[0])
        self.assertGreater(second, first, self.outputs[0])

    def test_the_screenshot_was_kept(self):
        self.assertGreater(os.path.getsize(SCREENSHOT), 10_000)


if __name__ == "__main__":
    unittest.main()
