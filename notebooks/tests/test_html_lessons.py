"""The HTML lessons in a real browser (Debian's Chromium, headless, through chromedriver and Selenium).

The committed notebooks are rendered exactly as the main command renders them (run_lessons.py --saved: the same
code, without executing the kernel again) into a temporary directory, and every page is opened with the network
switched off. Checked on every page: nothing is requested but the page itself and data: images, nothing fails to
load, no script error; the page is at most 300 KB; it links the previous and next lesson and the index (and the
answers, or from an answer page its lesson); every in-page link lands on an element; every timeline is an image with
visible drawing: a running bar in each of its task rows, measured on the decoded pixels. The index links every page.
Links between pages must reach a file that exists and, with a fragment, an element.

Then the same timelines in the two other places a learner meets them: nbconvert's own HTML export (Debian's 6.5,
default lab and classic templates, which strip inline SVG), and the classic notebook (jupyter-notebook 6.4) opening
the saved lesson untrusted, as a freshly downloaded notebook is.

Screenshots are kept in build/test-artifacts/lessons/.
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
from urllib.parse import unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
ROOT = os.path.dirname(NOTEBOOKS)
sys.path.insert(0, os.path.join(NOTEBOOKS, "tools"))
import lesson_site  # noqa: E402

ARTIFACTS = os.path.join(ROOT, "build", "test-artifacts", "lessons")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1000", "--allow-file-access-from-files"]
MAX_PAGE_BYTES = 300 * 1024
# Lesson 04's first timeline (cell trap3-cpu): the task that holds the loop for a second, in its third row.
CPU_TIMELINE = ("04-陷阱和最佳实践", 0, "cpu-work", 2)

# For each timeline image of the page: its natural size, shown size, and per task row the number of pixels in the
# running colour (#2f7ed8) and the widest run of them on one line. Rows follow TimelineSvg's geometry: a 28 px
# header, 22 px per row, a 34 px axis (and a 16 px footnote past 200 rows, which no lesson has).
TIMELINE_PIXELS_JS = r"""
const done = arguments[arguments.length - 1];
const selector = arguments[0];
(async () => {
  const out = [];
  for (const img of document.querySelectorAll(selector)) {
    img.scrollIntoView();
    try { await img.decode(); } catch (e) { out.push({error: String(e)}); continue; }
    const w = img.naturalWidth, h = img.naturalHeight;
    const canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, w, h).data;
    const isRunning = (x, y) => {
      const i = (y * w + x) * 4;
      return Math.abs(d[i] - 0x2f) < 24 && Math.abs(d[i + 1] - 0x7e) < 24 && Math.abs(d[i + 2] - 0xd8) < 24;
    };
    const rows = [];
    for (let top = 28; top + 22 <= h - 34 + 1; top += 22) {
      let count = 0, widest = 0;
      for (let y = top; y < top + 22 && y < h; y++) {
        let run = 0;
        for (let x = 170; x < w; x++) {
          if (isRunning(x, y)) { count++; run++; widest = Math.max(widest, run); } else { run = 0; }
        }
      }
      rows.push({count: count, widest: widest});
    }
    const box = img.getBoundingClientRect();
    out.push({width: w, height: h, shownWidth: box.width, shownHeight: box.height, rows: rows});
  }
  return out;
})().then(done, e => done([{error: String(e)}]));
"""

# Every in-page link, followed the way a click does (fragment navigation); what :target is afterwards.
IN_PAGE_LINKS_JS = r"""
const dead = [];
const links = [...document.querySelectorAll('a[href^="#"]')];
for (const a of links) {
  location.hash = a.getAttribute('href');
  if (!document.querySelector(':target')) dead.push(a.getAttribute('href'));
}
return {count: links.length, dead: dead};
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


def start_browser(profile_dir):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + ["--user-data-dir=" + profile_dir]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    return driver


def go_offline(driver):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def network_events(driver):
    """(requested URLs, failed loads) from the performance log since the last call."""
    requested, failed = [], []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.loadingFailed":
            failed.append(message["params"])
    return requested, failed


def timeline_rows_ok(timeline):
    """Problems of one timeline image measured by TIMELINE_PIXELS_JS: not decoded, not shown, a row without a
    visible running bar (every task runs at least one step, drawn at least 1 px wide and 14 px high)."""
    if "error" in timeline:
        return ["not decoded: " + timeline["error"]]
    problems = []
    if timeline["width"] < 300 or timeline["shownWidth"] < 300 or timeline["shownHeight"] < 60:
        problems.append("not shown at a readable size: %r" % timeline)
    if not timeline["rows"]:
        problems.append("no task row")
    for i, row in enumerate(timeline["rows"]):
        if row["count"] < 14:
            problems.append("row %d has no visible running bar (%d px)" % (i + 1, row["count"]))
    return problems


class RenderedLessons(unittest.TestCase):
    """The pages of build/lessons, as run_lessons.py writes them, opened offline."""

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="html-lessons-")
        cls.site = os.path.join(cls.work, "site")
        render = subprocess.run([sys.executable, os.path.join(NOTEBOOKS, "tools", "run_lessons.py"), "--saved",
                                 "--out", cls.site], capture_output=True, text=True, timeout=300)
        if render.returncode != 0:
            raise AssertionError("run_lessons.py --saved failed:\n" + render.stdout + render.stderr)
        cls.pages = lesson_site.course()
        cls.facts = {}
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.driver = start_browser(os.path.join(cls.work, "profile"))
        try:
            go_offline(cls.driver)
            for page in cls.pages:
                cls.facts[page.name] = cls.visit(page.href)
            cls.facts["index"] = cls.visit("index.html")
            cls.cross_links = cls.follow_links_between_pages()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        driver = getattr(cls, "driver", None)
        if driver is not None:
            driver.quit()
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def url(cls, href):
        return "file://" + os.path.join(cls.site, href)

    @classmethod
    def visit(cls, href):
        driver = cls.driver
        network_events(driver)  # drop what earlier pages logged
        driver.get(cls.url(href))
        wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 30, href)
        facts = {
            "nav": driver.execute_script(
                "return [...document.querySelectorAll('nav.lesson-nav')].map(n => [...n.querySelectorAll('a')]"
                ".map(a => [a.className, a.getAttribute('href')]));"),
            "links": driver.execute_script(
                "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));"),
            "timelines": driver.execute_async_script(TIMELINE_PIXELS_JS, 'img[src^="data:image/svg+xml"]'),
            "inline_svg": driver.execute_script(
                "return document.querySelectorAll('.jp-OutputArea svg').length;"),
            "title": driver.title,
            "href": href,
        }
        name = href[:-5]
        driver.execute_script("window.scrollTo(0, 0);")
        driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))
        images = driver.find_elements("css selector", 'img[src^="data:image/svg+xml"]')
        if images:
            images[0].screenshot(os.path.join(ARTIFACTS, name + "-timeline-1.png"))
        facts["in_page"] = driver.execute_script(IN_PAGE_LINKS_JS)
        facts["requested"], facts["failed"] = network_events(driver)
        facts["console"] = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        return facts

    @classmethod
    def follow_links_between_pages(cls):
        """Every link from one page to another, with its fragment: (page, href) -> problem or None."""
        results = {}
        for name, facts in cls.facts.items():
            for href in facts["links"]:
                parts = urlsplit(href)
                if parts.scheme or href.startswith("#") or (name, href) in results:
                    continue
                target = os.path.join(cls.site, unquote(parts.path))
                if not os.path.exists(target):
                    results[(name, href)] = "no such file"
                    continue
                if parts.fragment:
                    cls.driver.get(cls.url(href))
                    if not cls.driver.execute_script("return !!document.querySelector(':target');"):
                        results[(name, href)] = "no element for the fragment"
                        continue
                results[(name, href)] = None
        return results

    def test_every_page_loads_offline_with_nothing_but_itself_and_data_images(self):
        for name, facts in self.facts.items():
            with self.subTest(page=name):
                self.assertEqual(facts["failed"], [])
                others = [u for u in facts["requested"]
                          if not u.startswith("data:") and unquote(u) != self.url(facts["href"])]
                self.assertEqual(others, [])
                self.assertEqual(facts["console"], [])

    def test_no_page_refers_to_files_of_this_machine(self):
        for page in self.pages:
            with open(os.path.join(self.site, page.href), encoding="utf-8") as f:
                text = f.read()
            with self.subTest(page=page.name):
                self.assertNotIn("file://", text)
                self.assertNotIn("/usr/share/", text)
                self.assertNotIn("<script", text)

    def test_every_page_is_at_most_300_kb(self):
        for page in self.pages:
            with self.subTest(page=page.name):
                self.assertLessEqual(os.path.getsize(os.path.join(self.site, page.href)), MAX_PAGE_BYTES)

    def test_every_lesson_links_previous_next_and_index_above_and_below(self):
        chain = lesson_site.lessons_only(self.pages)
        for page in self.pages:
            with self.subTest(page=page.name):
                navs = self.facts[page.name]["nav"]
                self.assertEqual(len(navs), 2, "a navigation bar above and below")
                for nav in navs:
                    kinds = dict(nav)
                    self.assertEqual(kinds.get("nav-index"), "index.html")
                    if page.lesson:  # an answer page: back to its lesson, on to the next lesson
                        self.assertEqual(kinds.get("nav-prev"), page.lesson + ".html")
                    else:
                        i = chain.index(page)
                        self.assertEqual(kinds.get("nav-prev"), chain[i - 1].href if i > 0 else "index.html")
                        self.assertEqual(kinds.get("nav-next"),
                                         chain[i + 1].href if i + 1 < len(chain) else "index.html")
                    if page.answers:
                        self.assertEqual(kinds.get("nav-answers"), page.answers + ".html")
                    self.assertEqual(kinds.get("nav-names"), lesson_site.NAMES_TABLE_HREF)

    def test_the_index_links_every_page_and_the_names_table(self):
        links = self.facts["index"]["links"]
        for page in self.pages:
            with self.subTest(page=page.name):
                self.assertIn(page.href, links)
        self.assertIn(lesson_site.NAMES_TABLE_HREF, links)

    def test_index_titles_name_the_lessons_in_order(self):
        titles = [p.title for p in lesson_site.lessons_only(self.pages)]
        for n, title in enumerate(titles, 1):
            self.assertTrue(title.startswith("第 %d 课" % n), titles)

    def test_no_dead_in_page_link(self):
        for name, facts in self.facts.items():
            with self.subTest(page=name):
                self.assertEqual(facts["in_page"]["dead"], [])

    def test_no_dead_link_between_pages(self):
        dead = {k: v for k, v in self.cross_links.items() if v}
        self.assertEqual(dead, {})
        self.assertGreater(len(self.cross_links), 3 * len(self.pages))

    def test_every_timeline_is_an_image_with_a_visible_running_bar_in_every_row(self):
        total = 0
        for page in self.pages:
            facts = self.facts[page.name]
            self.assertEqual(facts["inline_svg"], 0, "inline SVG is what sanitizers strip")
            for i, timeline in enumerate(facts["timelines"]):
                total += 1
                with self.subTest(page=page.name, timeline=i + 1):
                    self.assertEqual(timeline_rows_ok(timeline), [])
        self.assertGreaterEqual(total, 18, "the lessons draw 18 timelines")

    def test_the_task_that_holds_the_loop_for_a_second_is_drawn_running_for_a_second(self):
        name, index, task, row = CPU_TIMELINE
        timeline = self.facts[name]["timelines"][index]
        # The cell runs about 2 s; a second of it is about half of the 560 px plot. Its running bar is one bar.
        self.assertGreater(timeline["rows"][row]["widest"], 200, (task, timeline["rows"]))
        for other in (1,):  # the ticker waits meanwhile: only short steps
            self.assertLess(timeline["rows"][other]["widest"], 40, timeline["rows"])


class TimelinesInOtherFrontends(unittest.TestCase):
    """Lesson 04's timelines in nbconvert's own export and in the classic notebook."""
    lesson = "04-陷阱和最佳实践"

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="html-timelines-")
        shutil.copy(os.path.join(NOTEBOOKS, cls.lesson + ".ipynb"), os.path.join(cls.work, "lesson.ipynb"))
        cls.driver = start_browser(os.path.join(cls.work, "profile"))
        os.makedirs(ARTIFACTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.work, ignore_errors=True)

    def assert_timelines_drawn(self, selector, expected):
        timelines = self.driver.execute_async_script(TIMELINE_PIXELS_JS, selector)
        self.assertEqual(len(timelines), expected)
        for i, timeline in enumerate(timelines):
            with self.subTest(timeline=i + 1):
                self.assertEqual(timeline_rows_ok(timeline), [])

    def expected_timelines(self):
        with open(os.path.join(self.work, "lesson.ipynb"), encoding="utf-8") as f:
            nb = json.load(f)
        return sum(1 for c in nb["cells"] for o in c.get("outputs", [])
                   if "image/svg+xml" in o.get("data", {}))

    def test_nbconvert_html_export_with_its_default_templates(self):
        for template in ("lab", "classic"):
            with self.subTest(template=template):
                subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--template", template,
                                "--output", "export-" + template, os.path.join(self.work, "lesson.ipynb")],
                               check=True, capture_output=True, timeout=300)
                self.driver.get("file://" + os.path.join(self.work, "export-%s.html" % template))
                self.assert_timelines_drawn('img[src^="data:image/svg+xml"]', self.expected_timelines())
                images = self.driver.find_elements("css selector", 'img[src^="data:image/svg+xml"]')
                images[0].screenshot(os.path.join(ARTIFACTS, "nbconvert-%s-timeline.png" % template))

    def test_the_classic_notebook_shows_the_saved_untrusted_lesson_with_its_timelines(self):
        port, token = free_port(), "html-lessons-test"
        log = open(os.path.join(self.work, "notebook.log"), "w")
        # No kernel is needed to show saved outputs; an unknown kernel name keeps the server from starting one.
        with open(os.path.join(self.work, "lesson.ipynb"), encoding="utf-8") as f:
            nb = json.load(f)
        nb["metadata"]["kernelspec"]["name"] = "none-for-this-test"
        with open(os.path.join(self.work, "lesson.ipynb"), "w", encoding="utf-8") as f:
            json.dump(nb, f, ensure_ascii=False)
        server = subprocess.Popen(
            [sys.executable, "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", "--port=%d" % port,
             "--port-retries=0", "--NotebookApp.token=" + token, "--notebook-dir=" + self.work],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.work)
        try:
            base = "http://127.0.0.1:%d" % port

            def server_up():
                try:
                    return urllib.request.urlopen(base + "/api/status?token=" + token, timeout=2).status == 200
                except OSError:
                    return False
            wait_until(server_up, 60, "the notebook server")
            self.driver.get(base + "/notebooks/lesson.ipynb?token=" + token)
            wait_until(lambda: self.driver.execute_script(
                "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded);"), 60,
                "the notebook to load")
            # The notebook asks which kernel to use (there is none for it): answer as a reader would, so that the
            # screenshot shows the output rather than the dialog. The outputs are checked whether it came or not.
            try:
                wait_until(lambda: self.driver.execute_script(
                    "const b = [...document.querySelectorAll('.modal-footer button')]"
                    ".find(b => b.textContent.includes('Without Kernel')); if (b) b.click(); return !!b;"), 90,
                    "the kernel dialog")
                wait_until(lambda: self.driver.execute_script("return !document.querySelector('.modal.in');"), 30,
                           "the kernel dialog to close")
            except AssertionError as e:
                print("\nclassic notebook: %s; checking the outputs behind it" % e, file=sys.stderr)
            self.assertFalse(self.driver.execute_script("return Jupyter.notebook.trusted;"),
                             "the saved lesson must open untrusted, as a downloaded one does")
            self.assert_timelines_drawn('.output_area img[src^="data:image/svg+xml"]', self.expected_timelines())
            images = self.driver.find_elements("css selector", '.output_area img[src^="data:image/svg+xml"]')
            images[0].screenshot(os.path.join(ARTIFACTS, "classic-notebook-timeline.png"))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


if __name__ == "__main__":
    unittest.main()
