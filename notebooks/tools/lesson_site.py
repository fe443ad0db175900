#!/usr/bin/python3
"""The lessons as a small static site: one self-contained HTML page per notebook and an index.html.

Every page opens anywhere, offline: nbconvert renders the cells with JupyterLab's cell markup (our template,
notebooks/templates/lesson, extends lab/base.html.j2), one lean stylesheet is inlined, and nothing is loaded from
elsewhere (no RequireJS, no MathJax: no lesson has math). Each page links the previous and next lesson, the index,
its exercise answers (or, on an answer page, its lesson) and the asyncio -> Java names table of lesson 01. Links
between notebooks in the lessons' Markdown (`02-完整教程.ipynb#...`, which is what works in Jupyter) point at the
pages in the HTML.

Reading order: the lessons by name; a lesson's answers (NAME-答案) come right after it and are left out of the
previous/next chain of the lessons.
"""
import html
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote

from nbconvert import HTMLExporter
from pygments.formatters import HtmlFormatter

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
TEMPLATES = os.path.join(NOTEBOOKS, "templates")
CSS = os.path.join(TEMPLATES, "lesson", "lesson.css")
ANSWERS_SUFFIX = "-答案"
COURSE_TITLE = "Java 异步编程课程"

# The one table of names that differ from asyncio, in lesson 01; its heading must read exactly NAMES_TABLE_HEADING.
NAMES_TABLE_PAGE = "01-异步编程概念"
NAMES_TABLE_HEADING = "asyncio 与 Java 名称对照表"


def heading_id(text):
    """The id nbconvert and JupyterLab give a Markdown heading: its text with spaces as hyphens (nbconvert also
    percent-encodes it in the attribute, which a browser decodes when it follows a link)."""
    return text.strip().replace(" ", "-")


NAMES_TABLE_HREF = f"{NAMES_TABLE_PAGE}.html#{heading_id(NAMES_TABLE_HEADING)}"


@dataclass
class Page:
    """One notebook of the course. `lesson` is the lesson an answer page belongs to; `answers` a lesson's answers."""
    name: str
    title: str
    lesson: str = None
    answers: str = None

    @property
    def href(self):
        return self.name + ".html"


def title_of_source(path):
    """The text of the first `# ` heading of a lesson source."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    return os.path.basename(path)[:-3]


def course(src_dir=os.path.join(NOTEBOOKS, "src")):
    """Every lesson source as a Page, in reading order."""
    names = sorted(f[:-3] for f in os.listdir(src_dir) if f.endswith(".md"))
    pages = {n: Page(n, title_of_source(os.path.join(src_dir, n + ".md"))) for n in names}
    for name, page in pages.items():
        if name.endswith(ANSWERS_SUFFIX):
            lesson = name[: -len(ANSWERS_SUFFIX)]
            if lesson not in pages:
                raise SystemExit(f"{name}: answers of a lesson that does not exist ({lesson})")
            page.lesson = lesson
            pages[lesson].answers = name
    return list(pages.values())


def lessons_only(pages):
    return [p for p in pages if p.lesson is None]


def navigation(page, pages):
    """The links above and below a page: previous, index, answers or lesson, names table, next."""
    by_name = {p.name: p for p in pages}
    chain = lessons_only(pages)
    here = by_name[page.lesson] if page.lesson else page
    i = chain.index(here)
    links = []
    if page.lesson:
        links.append({"kind": "prev", "href": here.href, "text": f"← 回到{here.title}"})
    elif i > 0:
        links.append({"kind": "prev", "href": chain[i - 1].href, "text": f"← 上一课：{chain[i - 1].title}"})
    else:
        links.append({"kind": "prev", "href": "index.html", "text": "← 课程目录"})
    links.append({"kind": "index", "href": "index.html", "text": "课程目录"})
    if page.answers:
        links.append({"kind": "answers", "href": by_name[page.answers].href, "text": "练习答案"})
    links.append({"kind": "names", "href": NAMES_TABLE_HREF, "text": "asyncio → Java 名称对照"})
    if i + 1 < len(chain):
        links.append({"kind": "next", "href": chain[i + 1].href, "text": f"下一课：{chain[i + 1].title} →"})
    else:
        links.append({"kind": "next", "href": "index.html", "text": "课程目录 →"})
    return links


PYGMENTS_STYLE = "default"
# Token classes the Pygments style colours; whitespace is left plain even where the style greys it.
_STYLED = set(re.findall(r"^\.highlight \.(\S+) \{", HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight"),
                         re.M)) - {"w"}
_TOKEN_SPAN = re.compile(r'<span class="([a-z0-9]+)">([^<]*)</span>')
_NOTEBOOK_LINK = re.compile(r'href="([^"#/]+)\.ipynb(#[^"]*)?"')


def stylesheet():
    """The lessons' CSS and Pygments' colours for highlighted code."""
    with open(CSS, encoding="utf-8") as f:
        css = f.read()
    return css + "\n" + HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight")


def lean(page_html, pages):
    """Unwraps the spans Pygments puts around tokens its style does not colour (names, punctuation, whitespace:
    half of a lesson's markup) and turns links to the course's notebooks into links to their pages."""
    names = {p.name for p in pages}

    def relink(m):
        return f'href="{m.group(1)}.html{m.group(2) or ""}"' if unquote(m.group(1)) in names else m.group(0)

    page_html = _TOKEN_SPAN.sub(lambda m: m.group(0) if m.group(1) in _STYLED else m.group(2), page_html)
    return _NOTEBOOK_LINK.sub(relink, page_html)


def exporter():
    return HTMLExporter(template_name="lesson", extra_template_basedirs=[TEMPLATES])


def render(nb, page, pages, css=None, html_exporter=None):
    """The HTML page of notebook `nb`."""
    resources = {
        "metadata": {"name": page.name},
        "lesson": {"title": f"{page.title} · {COURSE_TITLE}", "nav": navigation(page, pages),
                   "css": css if css is not None else stylesheet()},
    }
    body, _ = (html_exporter or exporter()).from_notebook_node(nb, resources=resources)
    return lean(body, pages)


def index(pages):
    """index.html: the lessons in order, each with its answers, and the names table."""
    items = []
    for p in lessons_only(pages):
        extra = ""
        if p.answers:
            answers = next(a for a in pages if a.name == p.answers)
            extra = f' · <a href="{html.escape(answers.href)}">练习答案</a>'
        items.append(f'<li><a href="{html.escape(p.href)}">{html.escape(p.title)}</a>{extra}</li>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{COURSE_TITLE}</title>
<style>
body{{margin:2rem auto;max-width:46rem;padding:0 1.25rem;color:#1f2328;line-height:1.7;
font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}}
a{{color:#0969da}} li{{margin:.4rem 0}}
</style></head>
<body>
<main>
<h1>{COURSE_TITLE}</h1>
<p>用 Java 在 <code>java-async</code> Jupyter 内核上学习 Python asyncio 的编程模型：五课对应一套中文 asyncio 教程，
每个 Python 代码单元都有一个可以运行的 Java 单元格。按顺序阅读：</p>
<ol>
{chr(10).join(items)}
</ol>
<p>Java 里和 asyncio 名字不同的地方（<code>Async</code> 前缀、<code>Asyncio.wait</code>、<code>waitUntilSet</code>……）
都列在第 1 课的 <a href="{html.escape(NAMES_TABLE_HREF)}">asyncio 与 Java 名称对照表</a>里。</p>
</main>
</body></html>
"""


def write_site(notebooks, out_dir, pages=None):
    """Writes OUT/NAME.html for each (name -> notebook) given, and OUT/index.html for the whole course."""
    pages = pages or course()
    by_name = {p.name: p for p in pages}
    os.makedirs(out_dir, exist_ok=True)
    css, html_exporter = stylesheet(), exporter()
    for name, nb in notebooks.items():
        with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
            f.write(render(nb, by_name[name], pages, css, html_exporter))
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(index(pages))
