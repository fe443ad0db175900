#!/usr/bin/env bash
# Installs the Java (async) kernelspec `java-async`, building the kernel first if needed.
#   install/install.sh [--user | --sys-prefix | --prefix DIR] [--jvm-flag FLAG]... [--uninstall]
# --user (default): the user's Jupyter data dir; --sys-prefix: Jupyter's Python prefix (share/jupyter/kernels);
# --prefix DIR: DIR/share/jupyter/kernels/java-async (point JUPYTER_PATH at DIR/share/jupyter to use it).
# --jvm-flag FLAG: one more option for the kernel's JVM, e.g. -Xmx8g, or -XX:TieredStopAtLevel=1 (quickest
#   start and cells, C1-compiled code only: see docs/benchmarks-kernel.md). Repeat for several.
set -euo pipefail

NAME=java-async
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=user prefix="" uninstall=0 extra_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a directory" >&2; exit 2; }
              mode=prefix; prefix=$2; shift ;;
    --prefix=*) mode=prefix; prefix=${1#--prefix=} ;;
    --jvm-flag) [ $# -ge 2 ] || { echo "error: --jvm-flag needs a JVM option" >&2; exit 2; }
                extra_flags+=("$2"); shift ;;
    --jvm-flag=*) extra_flags+=("${1#--jvm-flag=}") ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

jupyter_python() { # the Python that runs `jupyter`, from its shebang
  local j; j=$(command -v jupyter 2>/dev/null) || return 1
  head -n1 "$j" | sed -n 's/^#! *\([^ ]*\).*/\1/p'
}

case "$mode" in
  user)
    if command -v jupyter >/dev/null 2>&1; then data=$(jupyter --data-dir)
    else data=${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}; fi
    dest="$data/kernels/$NAME" ;;
  sys-prefix)
    py=$(jupyter_python) || { echo "error: --sys-prefix needs 'jupyter' on PATH" >&2; exit 1; }
    dest="$("$py" -c 'import sys; print(sys.prefix)')/share/jupyter/kernels/$NAME" ;;
  prefix)
    mkdir -p "$prefix"; dest="$(cd "$prefix" && pwd)/share/jupyter/kernels/$NAME" ;;
esac

if [ "$uninstall" = 1 ]; then
  if [ -d "$dest" ]; then rm -rf "$dest"; echo "Removed kernelspec $NAME from $dest"
  else echo "Kernelspec $NAME is not installed at $dest (nothing to do)"; fi
  exit 0
fi

# A JDK 25 (scripts/find-jdk.sh exits with a message saying what to install if there is none).
# shellcheck source=../scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"

jar=$(ls "$ROOT"/kernel/target/javaasync-kernel-*.jar 2>/dev/null | grep -v original- | head -n1 || true)
newest_source=$(find "$ROOT/kernel/src/main" "$ROOT/runtime/src/main" "$ROOT/pom.xml" "$ROOT/kernel/pom.xml" \
                  -newer "${jar:-/nonexistent}" -type f 2>/dev/null | head -n1 || true)
if [ -z "$jar" ] || [ -n "$newest_source" ]; then
  echo "Building the kernel (mvn package)..."
  (cd "$ROOT" && mvn -B -q -pl kernel -am package -DskipTests)
  jar=$(ls "$ROOT"/kernel/target/javaasync-kernel-*.jar | grep -v original- | head -n1)
fi

mkdir -p "$dest"
cp "$jar" "$dest/javaasync-kernel.jar"
cp "$ROOT/install/logo-32x32.png" "$ROOT/install/logo-64x64.png" "$dest/"
rm -f "$dest/java-async.jsa"

# JVM flags, measured in docs/protocol.md and docs/benchmarks-kernel.md: serial GC and compact headers keep RSS low
# and start-up short; -Xms128m, because the JVM's default initial heap is 1/64 of RAM (384 MB on a 24 GB machine),
# whose pages a kernel touches over time: 290 MB RSS after 200 cells against 205 MB with it, at equal cell latency;
# the class-data-sharing archive next to the jar (created below, refreshed by the JVM when stale) saves
# class loading at every start; --add-opens lets the runtime schedule virtual threads on its event loop, and lets
# the evaluator prune JShell's class files of finished statements (SnippetClassFiles: cells stay as fast as the first).
# The heap is capped at a quarter of the machine's (or container's) memory, the JVM's own default, stated here so
# that the README can say it; after a cell that filled it, the kernel collects and the serial GC gives back what
# stays free beyond 30% (MaxHeapFreeRatio), at once (-ShrinkHeapInSteps), so RSS falls again. -javaagent guards Runtime.exit/halt (ExitGuardAgent);
# the class-data-sharing archive is written with an agent present only when AllowArchivingWithJavaAgent says so.
flags=(
  -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:-UsePerfData -Xss4m -Xms128m
  -XX:MaxRAMPercentage=25 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps
  -javaagent:"$dest/javaasync-kernel.jar" -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent
  -XX:SharedArchiveFile="$dest/java-async.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  ${extra_flags[@]+"${extra_flags[@]}"}
)

if [ ${#extra_flags[@]} -gt 0 ] && ! refused=$("$JAVA" "${extra_flags[@]}" -version 2>&1 >/dev/null); then
  echo "error: $JAVA does not start with --jvm-flag ${extra_flags[*]}:" >&2
  echo "$refused" | head -n 3 >&2
  exit 2
fi
"$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1 \
  || flags=("${flags[@]/-XX:+UseCompactObjectHeaders/}")

json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
{
  printf '{\n  "argv": ['
  printf '%s, ' "$(json_string "$JAVA")"
  for f in "${flags[@]}"; do [ -n "$f" ] && printf '%s, ' "$(json_string "$f")"; done
  printf '"-cp", %s, "org.javaasync.kernel.Main", "{connection_file}"],\n' "$(json_string "$dest/javaasync-kernel.jar")"
  printf '  "display_name": "Java (async)",\n  "language": "java",\n  "interrupt_mode": "message",\n'
  printf '  "env": {},\n  "metadata": {"debugger": false}\n}\n'
} > "$dest/kernel.json"

# Train the class-data-sharing archive once now, so the first real start is already fast.
if "$JAVA" "${flags[@]}" -cp "$dest/javaasync-kernel.jar" org.javaasync.kernel.Main --warm-up >/dev/null 2>&1; then
  :
else
  echo "note: could not create the class-data-sharing archive now; the kernel creates it on its first exit." >&2
fi

echo "Installed kernelspec $NAME in $dest"
if command -v jupyter >/dev/null 2>&1 && [ "$mode" != prefix ]; then
  jupyter kernelspec list 2>/dev/null | grep -E "^\s*$NAME\s" || echo "warning: 'jupyter kernelspec list' does not show $NAME; check JUPYTER_PATH" >&2
fi
