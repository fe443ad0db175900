#!/usr/bin/env bash
# Runs every test: the JUnit suites of all modules (mvn verify) and the Python integration tests against the
# real kernel built from this checkout, installed into a temporary --prefix (JUPYTER_PATH points there, so a
# kernel installed elsewhere is never used). Ends with one summary line; exits non-zero if anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/packages.sh
ensure_debian_packages "${JUPYTER_DEBIAN_PACKAGES[@]}" || exit 1
source scripts/find-jdk.sh
PY=$(find_jupyter_python) || { echo "error: no python3 with jupyter_client (install python3-jupyter-client)" >&2; exit 1; }

start=$(date +%s)
java_status=0 install_status=0 py_status=0 lessons_status=0

echo "== JUnit (mvn verify) with $(java -version 2>&1 | head -n1)"
mvn -B -ntp verify || java_status=$?

prefix=$(mktemp -d /tmp/java-async-test.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
echo "== Installing the kernel into $prefix"
bash install/install.sh --prefix "$prefix" || install_status=$?

if [ "$install_status" -eq 0 ]; then
  echo "== Python integration tests ($PY) against the real kernel"
  export JUPYTER_PATH="$prefix/share/jupyter"
  export JUPYTER_RUNTIME_DIR="$prefix/runtime"
  export JAVA_ASYNC_KERNEL_NAME=java-async
  export JAVA_ASYNC_LOG_LEVEL=${JAVA_ASYNC_LOG_LEVEL:-WARNING}  # the tests provoke warnings; INFO is noise here
  "$PY" -m unittest discover -s kernel/src/test/python -p 'test_*.py' -v || py_status=$?
  echo "== Lesson tests ($PY): seed mapping, every lesson executed through the kernel, binder/postBuild"
  "$PY" -m unittest discover -s notebooks/tests -p 'test_*.py' -v || lessons_status=$?
else
  py_status=1 lessons_status=1
fi

elapsed=$(( $(date +%s) - start ))
word() { [ "$1" -eq 0 ] && echo passed || echo FAILED; }
echo "SUMMARY: JUnit $(word $java_status), install $(word $install_status), Python integration $(word $py_status), lessons $(word $lessons_status) (${elapsed}s)"
[ "$java_status" -eq 0 ] && [ "$install_status" -eq 0 ] && [ "$py_status" -eq 0 ] && [ "$lessons_status" -eq 0 ]
