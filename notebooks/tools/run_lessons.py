#!/usr/bin/python3
"""Executes the lessons through the installed java-async kernel and renders them as HTML.

For each notebooks/src/NAME.md: build the notebook, execute it with nbclient (a real Jupyter client over
ZeroMQ), check that it produced no error except in cells tagged `raises-exception` (which must produce one),
optionally save it with its outputs as notebooks/NAME.ipynb, and write OUT/NAME.html plus OUT/index.html
(tools/lesson_site.py: self-contained pages linked in reading order).

Usage: run_lessons.py [--save] [--out build/lessons] [--kernel java-async] [--timeout 300] [NAME ...]
       run_lessons.py --saved [--out DIR] [NAME ...]   (render the committed notebooks/NAME.ipynb, no kernel)
Exit status 1 if any lesson failed; the failures are listed on stderr.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import lesson  # noqa: E402
import lesson_site  # noqa: E402


def sources(names):
    src_dir = os.path.join(NOTEBOOKS, "src")
    all_names = sorted(f[:-3] for f in os.listdir(src_dir) if f.endswith(".md"))
    if not names:
        return all_names
    unknown = [n for n in names if n not in all_names]
    if unknown:
        raise SystemExit(f"no lesson source for {unknown}; have {all_names}")
    return names


def build(name):
    with open(os.path.join(NOTEBOOKS, "src", name + ".md"), encoding="utf-8") as f:
        return nbformat.from_dict(lesson.to_notebook(lesson.parse(f.read())))


def problems_of(nb):
    """Error outputs where none is expected, and tagged cells that did not raise."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        if errors and not expected:
            e = errors[0]
            found.append(f"cell {cell.id}: unexpected {e.ename}: {e.evalue}")
        if expected and not errors:
            found.append(f"cell {cell.id}: tagged raises-exception but raised nothing")
    return found


def execute(nb, kernel, timeout):
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": NOTEBOOKS}})
    client.execute()
    return nb


def saved(name):
    path = os.path.join(NOTEBOOKS, name + ".ipynb")
    if not os.path.exists(path):
        raise SystemExit(f"{path} does not exist; run run_lessons.py --save {name}")
    return nbformat.read(path, as_version=4)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--save", action="store_true", help="write executed notebooks to notebooks/NAME.ipynb")
    ap.add_argument("--saved", action="store_true", help="render the committed notebooks instead of executing")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(NOTEBOOKS), "build", "lessons"))
    ap.add_argument("--kernel", default="java-async")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = ap.parse_args(argv)
    if args.save and args.saved:
        ap.error("--save executes the lessons; --saved renders them without executing: pick one")
    failures, rendered = [], {}
    for name in sources(args.names):
        started = time.monotonic()
        nb = saved(name) if args.saved else execute(build(name), args.kernel, args.timeout)
        found = problems_of(nb)
        failures += [f"{name}: {p}" for p in found]
        if args.save:
            nbformat.write(nb, os.path.join(NOTEBOOKS, name + ".ipynb"))
        rendered[name] = nb
        print(f"{name}: {'ok' if not found else f'{len(found)} problem(s)'} in {time.monotonic() - started:.1f} s",
              flush=True)
    lesson_site.write_site(rendered, args.out)
    print(f"HTML lessons in {args.out}/index.html")
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
