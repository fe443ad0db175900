#!/bin/sh
# Starts the kernel's JVM with the arguments Jupyter passes (kernel.json's argv after this script), on the first
# JDK 25 or newer of: $JAVA_ASYNC_JAVA (a java binary), $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*. Used by
# kernelspecs installed with --java-from-environment and by the Python wheel, which cannot know the JDK in advance.
# The version is read from the JDK's `release` file, so choosing costs no extra JVM start.
feature() { # prints the feature version of the JDK whose java binary is $1, or nothing
  home=$(dirname "$(dirname "$(readlink -f "$1" 2>/dev/null || echo "$1")")")
  [ -f "$home/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release" | head -n 1
}
usable() { [ -x "$1" ] && v=$(feature "$1") && [ -n "$v" ] && [ "$v" -ge 25 ]; }
if [ -n "${JAVA_ASYNC_JAVA:-}" ]; then
  usable "$JAVA_ASYNC_JAVA" || { echo "java-async: JAVA_ASYNC_JAVA=$JAVA_ASYNC_JAVA is not a JDK 25 or newer" >&2; exit 1; }
  exec "$JAVA_ASYNC_JAVA" "$@"
fi
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
  if [ -n "$candidate" ] && usable "$candidate"; then
    exec "$candidate" "$@"
  fi
done
echo "java-async: no JDK 25 or newer found (looked at \$JAVA_ASYNC_JAVA, \$JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
echo "java-async: install one (e.g. Temurin 25) and set JAVA_HOME, or JAVA_ASYNC_JAVA to its bin/java." >&2
exit 1
