#!/usr/bin/env bash
# Sourced by main.sh and test.sh: ensure_debian_packages [--or-advise] PKG... installs the Debian packages that are
# missing (apt-get as root, or sudo without a password), or stops with the command to run. With --or-advise it
# prints that command and returns instead (the caller then checks for the tools it really needs: Jupyter may come
# from pip or conda rather than from Debian).
ensure_debian_packages() {
  local advise=0 missing=() p
  if [ "${1:-}" = --or-advise ]; then advise=1; shift; fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    [ "$advise" = 1 ] && { echo "note: not a Debian system; make sure these are installed (or their equivalents): $*" >&2; return 0; }
    echo "error: not a Debian system (no dpkg-query); install the equivalents of: $*" >&2
    exit 1
  fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local run=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then run=(sudo -n)
    elif [ "$advise" = 1 ]; then
      echo "note: these Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
      echo "      to install them: sudo apt-get install -y ${missing[*]}" >&2
      echo "      continuing with what is installed" >&2
      return 0
    else
      echo "error: these packages are missing and this user cannot install them: ${missing[*]}" >&2
      echo "       run: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get update -qq
  "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# What the kernel's tests and the main job need from Debian (Jupyter clients, the test kit, ipykernel for the
# side-by-side benchmark; the classic notebook, Chromium, its driver and Selenium for the browser tests,
# test_await_browser.py and notebooks/tests/test_html_lessons.py; a CJK font so that Chromium draws the lessons'
# Chinese in their screenshots; Pygments, which colours the code of the HTML lessons; zip, setuptools, wheel and
# venv for scripts/release.sh and its test).
JUPYTER_DEBIAN_PACKAGES=(python3-jupyter-client python3-jupyter-kernel-test jupyter-client jupyter-nbconvert
  python3-nbclient python3-nbformat python3-ipykernel python3-zmq python3-pygments maven iproute2
  jupyter-notebook chromium chromium-driver python3-selenium fonts-noto-cjk
  zip python3-setuptools python3-wheel python3-venv python3-pip)

# What the main job (scripts/main.sh: build, install, execute and render the lessons) needs from Debian.
MAIN_DEBIAN_PACKAGES=(python3-jupyter-client jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat
  python3-zmq python3-pygments maven)

# The Python that has Debian's Jupyter packages (a pyenv or venv python3 first on PATH usually has not).
find_jupyter_python() {
  local p
  for p in "${PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && "$p" -c "import jupyter_client" 2>/dev/null && { echo "$p"; return 0; }
  done
  return 1
}
