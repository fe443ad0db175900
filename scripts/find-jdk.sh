#!/usr/bin/env bash
# Sourced by the project's scripts: sets JAVA_HOME to a JDK 25 or newer and puts it first on PATH,
# or stops with a message that says what to install. Order: $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*.
java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
find_jdk25() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)"); candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(find_jdk25); then
  echo "error: no JDK 25 or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm)." >&2
  echo "       Install one (e.g. Temurin 25, or 'conda install -c conda-forge openjdk=25') and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
