#!/usr/bin/python3
"""Builds lesson notebooks from their Markdown sources.

A lesson is written as `notebooks/src/NAME.md` so that it reads and diffs as text. The rules:
  * a fenced block whose info string starts with `java cell` is a code cell; words after it are attributes:
      ```java cell id=c07 seed=002:7 tags=raises-exception,slow
    `id` becomes the nbformat cell id (unique in the notebook), `seed` names the seed's code cell it mirrors
    (FILE:INDEX, 1-based, several separated by commas), `tags` become metadata.tags;
  * everything between code cells is Markdown; a line `<!-- split -->` starts a new Markdown cell, so the
    notebook keeps the seed's cell structure; other fenced blocks (```python ...) stay inside the Markdown.

Usage: lesson.py build SRC.md OUT.ipynb     (a notebook without outputs, kernelspec java-async)
       lesson.py cells SRC.md               (prints the code cells' ids, seeds and tags as TSV)
"""
import json
import re
import sys

FENCE = re.compile(r"^(`{3,})(.*)$")


def parse(text):
    """Returns a list of cells: dicts with type ('markdown'|'code'), source and attrs."""
    cells, md, lines = [], [], text.splitlines()
    i = 0

    def flush_md():
        body = "\n".join(md).strip("\n")
        if body.strip():
            cells.append({"type": "markdown", "source": body, "attrs": {}})
        md.clear()

    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m and m.group(2).strip().startswith("java cell"):
            flush_md()
            fence, attrs = m.group(1), parse_attrs(m.group(2).strip()[len("java cell"):], i + 1)
            body, i = [], i + 1
            while i < len(lines) and lines[i].rstrip() != fence:
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise SystemExit(f"line {attrs['_line']}: code cell not closed by {fence}")
            cells.append({"type": "code", "source": "\n".join(body), "attrs": attrs})
        elif m:  # another fenced block: copy it verbatim into the Markdown
            fence = m.group(1)
            md.append(line)
            i += 1
            while i < len(lines) and not lines[i].startswith(fence):
                md.append(lines[i])
                i += 1
            if i < len(lines):
                md.append(lines[i])
        elif line.strip() == "<!-- split -->":
            flush_md()
        else:
            md.append(line)
        i += 1
    flush_md()
    ids = [c["attrs"].get("id") for c in cells if c["type"] == "code"]
    dup = {x for x in ids if x and ids.count(x) > 1}
    if dup:
        raise SystemExit(f"duplicate cell ids: {sorted(dup)}")
    return cells


def parse_attrs(rest, line_no):
    attrs = {"_line": line_no}
    for word in rest.split():
        if "=" not in word:
            raise SystemExit(f"line {line_no}: attribute '{word}' is not key=value")
        k, v = word.split("=", 1)
        attrs[k] = v
    return attrs


def to_notebook(cells):
    out, md_n = [], 0
    for c in cells:
        src = c["source"]
        if c["type"] == "markdown":
            md_n += 1
            out.append({"cell_type": "markdown", "id": f"md{md_n:03d}", "metadata": {}, "source": src})
        else:
            a = c["attrs"]
            meta = {}
            if "tags" in a:
                meta["tags"] = a["tags"].split(",")
            if "seed" in a:
                meta["seed"] = a["seed"].split(",")
            out.append({"cell_type": "code", "id": a.get("id", f"code{len(out):03d}"), "metadata": meta,
                        "execution_count": None, "outputs": [], "source": src})
    return {
        "cells": out,
        "metadata": {
            "kernelspec": {"name": "java-async", "display_name": "Java (async)", "language": "java"},
            "language_info": {"name": "java", "mimetype": "text/x-java", "file_extension": ".java",
                              "pygments_lexer": "java", "codemirror_mode": "text/x-java"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def main(argv):
    if len(argv) == 3 and argv[0] == "build":
        with open(argv[1], encoding="utf-8") as f:
            nb = to_notebook(parse(f.read()))
        with open(argv[2], "w", encoding="utf-8") as f:
            json.dump(nb, f, ensure_ascii=False, indent=1)
            f.write("\n")
    elif len(argv) == 2 and argv[0] == "cells":
        with open(argv[1], encoding="utf-8") as f:
            for c in parse(f.read()):
                if c["type"] == "code":
                    a = c["attrs"]
                    print(f"{a.get('id', '')}\t{a.get('seed', '')}\t{a.get('tags', '')}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
