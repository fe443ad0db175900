#!/usr/bin/env bash
# The main job on a fresh machine: installs the Debian packages Jupyter needs (as root, or with sudo; otherwise it
# says which to install and goes on with what is there), builds the kernel, installs the kernelspec java-async for
# this user, executes the lessons (notebooks/src/*.md) through it and renders them to build/lessons/: one
# self-contained page per notebook (NAME.html: no script, no file of this machine, opens offline anywhere), linked
# previous/next/index, and index.html.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/packages.sh
ensure_debian_packages --or-advise "${MAIN_DEBIAN_PACKAGES[@]}"
source scripts/find-jdk.sh
command -v mvn >/dev/null 2>&1 || { echo "error: Maven (mvn) is needed to build: install 'maven' (Debian) or Apache Maven 3.8+" >&2; exit 1; }

echo "== Building (JDK: $JAVA_HOME)"
mvn -B -ntp -q package -DskipTests
echo "== Installing the kernelspec for this user"
bash install/install.sh --user

PY=$(find_jupyter_python) || { echo "error: no python3 with jupyter_client (Debian: python3-jupyter-client python3-nbclient jupyter-nbconvert; or pip install jupyterlab nbclient nbconvert)" >&2; exit 1; }
echo "== Executing the lessons through the kernel (real time: a few minutes) and rendering them"
# run_lessons.py builds each notebooks/src/*.md, executes it with nbclient, fails on any unexpected error output,
# and writes build/lessons/NAME.html plus an index.html that links them in order (notebooks/tools/lesson_site.py).
rm -rf build/lessons
"$PY" notebooks/tools/run_lessons.py --out build/lessons
echo "Open build/lessons/index.html"
