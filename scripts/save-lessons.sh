#!/usr/bin/env bash
# Re-executes the lessons through the kernel built from this checkout and saves them with their outputs
# (notebooks/NAME.ipynb), the outputs notebooks/tests/test_lessons.py compares a fresh run with. Run it after any
# change to the kernel, the runtime or a lesson source (notebooks/src/*.md), then commit the notebooks.
# The kernel is installed into a temporary --prefix (JUPYTER_PATH points there), as scripts/test.sh does, so no
# kernel installed elsewhere is used or touched. Also writes the HTML lessons to build/lessons/.
# Usage: bash scripts/save-lessons.sh [NAME ...]   (default: every notebooks/src/*.md)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/packages.sh
source scripts/find-jdk.sh
PY=$(find_jupyter_python) || { echo "error: no python3 with jupyter_client and nbclient" >&2; exit 1; }

echo "== Building the kernel (JDK: $JAVA_HOME)"
mvn -B -ntp -q package -DskipTests -pl runtime,kernel -am
prefix=$(mktemp -d /tmp/java-async-lessons.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
echo "== Installing the kernel into $prefix"
bash install/install.sh --prefix "$prefix" >/dev/null
export JUPYTER_PATH="$prefix/share/jupyter"
export JUPYTER_RUNTIME_DIR="$prefix/runtime"
export JAVA_ASYNC_LOG_LEVEL=${JAVA_ASYNC_LOG_LEVEL:-WARNING}
echo "== Executing and saving the lessons (real time: several minutes)"
"$PY" notebooks/tools/run_lessons.py --save "$@"
