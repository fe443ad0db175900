#!/usr/bin/env bash
# Installs the Java (async) Jupyter kernelspec with `jupyter kernelspec install`, from a release (the jar is in
# kernelspec/ beside this script) or from a source checkout (builds the kernel first if needed).
#   install.sh [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--java PATH]
#              [--java-from-environment] [--env NAME=VALUE]... [--jvm-flag FLAG]... [--uninstall] [--stage DIR]
# --user (default): the user's Jupyter data dir; --sys-prefix: the environment (sys.prefix) of the Python that runs
#   `jupyter`; --prefix DIR: DIR/share/jupyter/kernels/NAME (point JUPYTER_PATH at DIR/share/jupyter to use it).
# --name NAME: the kernelspec name (default java-async); --display-name TEXT: what frontends show ("Java (async)").
# --java PATH: the java of a JDK 25 to run the kernel (default: $JAVA_HOME, java on PATH, /usr/lib/jvm/*).
# --java-from-environment: find the JDK at each kernel start instead ($JAVA_ASYNC_JAVA, $JAVA_HOME, PATH).
# --env NAME=VALUE: an environment variable for the kernel (e.g. JAVAASYNC_MAVEN_REPOSITORIES=...). Repeatable.
# --jvm-flag FLAG: one more option for the kernel's JVM, e.g. -Xmx8g, or -XX:TieredStopAtLevel=1 (quickest start,
#   C1-compiled code only: see docs/benchmarks-kernel.md). Repeatable.
# --uninstall: removes the kernelspec NAME from the chosen place.
# --stage DIR: writes the kernelspec folder to DIR and stops (for packagers: scripts/release.sh builds the wheel so).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=java-async display_name="Java (async)" mode=user prefix="" uninstall=0 stage="" java="" java_at_start=0
extra_flags=() env_vars=()
need_value() { [ "$2" -ge 2 ] || { echo "error: $1 needs a value (see --help)" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) need_value "$1" $#; mode=prefix; prefix=$2; shift ;;
    --prefix=*) mode=prefix; prefix=${1#--prefix=} ;;
    --name) need_value "$1" $#; name=$2; shift ;;
    --name=*) name=${1#--name=} ;;
    --display-name) need_value "$1" $#; display_name=$2; shift ;;
    --display-name=*) display_name=${1#--display-name=} ;;
    --java) need_value "$1" $#; java=$2; shift ;;
    --java=*) java=${1#--java=} ;;
    --java-from-environment) java_at_start=1 ;;
    --env) need_value "$1" $#; env_vars+=("$2"); shift ;;
    --env=*) env_vars+=("${1#--env=}") ;;
    --jvm-flag) need_value "$1" $#; extra_flags+=("$2"); shift ;;
    --jvm-flag=*) extra_flags+=("${1#--jvm-flag=}") ;;
    --uninstall) uninstall=1 ;;
    --stage) need_value "$1" $#; stage=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Values end up in kernel.json and on the JVM's command line. Control characters (a tab, a newline) would make an
# invalid or misleading kernel.json, and a ':' in the kernelspec's path would split the JVM's class path in two.
has_control() { [[ "$1" =~ [[:cntrl:]] ]]; }
refuse() { echo "error: $*" >&2; exit 2; }
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || refuse "--name '$name': a kernelspec name is letters, digits, '.', '_' and '-'"
has_control "$display_name" && refuse "--display-name holds a control character (tab, newline...)"
check_path() { # what, path
  if has_control "$2"; then
    refuse "$1 $(printf '%q' "$2") holds a control character (a tab, a newline...): kernel.json and the JVM's class" \
      "path cannot carry it; choose a path without one"
  fi
  if [[ "$2" == *:* ]]; then
    refuse "$1 '$2' holds a ':', which separates the JVM's class path entries; choose a path without one"
  fi
}
[ "$mode" = prefix ] && check_path "--prefix" "$prefix"
[ -n "$stage" ] && check_path "--stage" "$stage"
for e in "${env_vars[@]+"${env_vars[@]}"}"; do
  [[ "$e" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || refuse "--env '$e' is not NAME=VALUE"
  has_control "$e" && refuse "--env ${e%%=*}: the value holds a control character"
done
for f in "${extra_flags[@]+"${extra_flags[@]}"}"; do has_control "$f" && refuse "--jvm-flag holds a control character"; done

require_jupyter() {
  command -v jupyter >/dev/null 2>&1 && return 0
  echo "error: the 'jupyter' command is not on PATH: install Jupyter first (pip install jupyterlab, conda install" >&2
  echo "       jupyterlab, or Debian's jupyter-client and jupyter-notebook), then run this again" >&2
  exit 1
}

# Where a kernelspec NAME lives for the chosen mode (for --uninstall and messages).
kernel_dir() {
  case "$mode" in
    user) echo "$(jupyter --data-dir)/kernels/$name" ;;
    prefix) mkdir -p "$prefix"; echo "$(cd "$prefix" && pwd)/share/jupyter/kernels/$name" ;;
    sys-prefix)
      # The Python that runs `jupyter`, whatever its shebang looks like (#!/usr/bin/env python3, a conda
      # launcher...): `jupyter troubleshoot` prints its sys.executable.
      local py
      py=$(jupyter troubleshoot 2>/dev/null | sed -n '/^sys.executable:/{n;s/^[[:space:]]*//;p;q}')
      [ -n "$py" ] || { echo "error: cannot tell which Python runs 'jupyter'" >&2; exit 1; }
      echo "$("$py" -c 'import sys; print(sys.prefix)')/share/jupyter/kernels/$name" ;;
  esac
}

if [ "$uninstall" = 1 ]; then
  require_jupyter
  dest=$(kernel_dir)
  if [ -d "$dest" ]; then rm -rf "$dest"; echo "Removed kernelspec $name from $dest"
  else echo "Kernelspec $name is not installed at $dest (nothing to do)"; fi
  exit 0
fi

# The kernel jar and logos: from a release (kernelspec/ beside this script), or built from this checkout.
if [ -f "$HERE/kernelspec/javaasync-kernel.jar" ]; then
  jar="$HERE/kernelspec/javaasync-kernel.jar" logos="$HERE/kernelspec" find_jdk="$HERE/find-jdk.sh"
elif [ -f "$HERE/../pom.xml" ] && [ -d "$HERE/../kernel" ]; then
  ROOT=$(cd "$HERE/.." && pwd) logos="$HERE" find_jdk="$ROOT/scripts/find-jdk.sh"
  jar=$(ls "$ROOT"/kernel/target/javaasync-kernel-*.jar 2>/dev/null | grep -v original- | head -n1 || true)
  newest_source=$(find "$ROOT/kernel/src/main" "$ROOT/runtime/src/main" "$ROOT/pom.xml" "$ROOT/kernel/pom.xml" \
                    -newer "${jar:-/nonexistent}" -type f 2>/dev/null | head -n1 || true)
  if [ -z "$jar" ] || [ -n "$newest_source" ]; then
    echo "Building the kernel (mvn package)..."
    # shellcheck source=../scripts/find-jdk.sh
    (source "$find_jdk" && cd "$ROOT" && mvn -B -q -ntp -pl kernel -am package -DskipTests)
    jar=$(ls "$ROOT"/kernel/target/javaasync-kernel-*.jar | grep -v original- | head -n1)
  fi
else
  echo "error: no kernel jar next to this script ($HERE/kernelspec/) and no source checkout around it" >&2
  exit 1
fi

# The JDK: --java, or the one find-jdk.sh finds now (it stops with what to install if there is none).
if [ "$java_at_start" = 1 ]; then
  [ -z "$java" ] || refuse "--java and --java-from-environment exclude each other"
elif [ -n "$java" ]; then
  check_path "--java" "$java"
  [ -x "$java" ] && [ -f "$java" ] || refuse "--java $java is not an executable file"
  java=$(cd "$(dirname "$java")" && pwd)/$(basename "$java")
  version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  [ -n "$version" ] && [ "$version" -ge 25 ] || refuse "--java $java is Java ${version:-of unknown version}; the kernel needs 25 or newer"
else
  # shellcheck source=../scripts/find-jdk.sh
  source "$find_jdk"
  java="$JAVA_HOME/bin/java"
  check_path "the JDK's path" "$java"
fi

# JVM flags, measured in docs/protocol.md and docs/benchmarks-kernel.md: serial GC and compact headers keep RSS low
# and start-up short; -Xms64m, because the JVM's default initial heap is 1/64 of RAM (384 MB on a 24 GB machine),
# whose pages a kernel touches over time, and the heap never shrinks below it: the kernel's live heap is about 40 MB
# after hundreds of cells, so the heap grows to what it needs instead (MinHeapFreeRatio), at equal cell latency;
# the class-data-sharing archive next to the jar (created below, refreshed by the JVM when stale) saves class loading
# at every start; --add-opens lets the runtime schedule virtual threads on its event loop, and lets the evaluator
# prune JShell's class files of finished statements (SnippetClassFiles: cells stay as fast as the first).
# The heap is capped at a quarter of the machine's (or container's) memory, the JVM's own default, stated here so
# that the README can say it; after a cell that filled it, the kernel collects and the serial GC gives back at once
# (-ShrinkHeapInSteps) what stays free beyond 30% (MaxHeapFreeRatio), so RSS falls again. -javaagent guards
# Runtime.exit/halt (ExitGuardAgent); the class-data-sharing archive is written with an agent present only when
# AllowArchivingWithJavaAgent says so. {resource_dir} is the kernelspec's folder, filled in by Jupyter at each start:
# the kernelspec can be moved.
flags=(
  -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:-UsePerfData -Xss4m -Xms64m
  -XX:MaxRAMPercentage=25 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps
  "-javaagent:{resource_dir}/javaasync-kernel.jar" -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent
  "-XX:SharedArchiveFile={resource_dir}/java-async.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  ${extra_flags[@]+"${extra_flags[@]}"}
)
if [ "$java_at_start" = 0 ]; then
  if [ ${#extra_flags[@]} -gt 0 ] && ! refused=$("$java" "${extra_flags[@]}" -version 2>&1 >/dev/null); then
    echo "error: $java does not start with --jvm-flag ${extra_flags[*]}:" >&2
    echo "$refused" | head -n 3 >&2
    exit 2
  fi
  if ! "$java" -XX:+UnlockDiagnosticVMOptions -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1; then
    kept=()
    for f in "${flags[@]}"; do [ "$f" = -XX:+UseCompactObjectHeaders ] || kept+=("$f"); done
    flags=("${kept[@]}")
  fi
fi

json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
write_kernelspec() { # DIR: kernel.json, the jar, the logos (and the launcher for --java-from-environment)
  local dir=$1 f e first=1
  mkdir -p "$dir"
  cp "$jar" "$dir/javaasync-kernel.jar"
  cp "$logos/logo-32x32.png" "$logos/logo-64x64.png" "$dir/"
  {
    printf '{\n  "argv": ['
    if [ "$java_at_start" = 1 ]; then
      cp "$HERE/launch-kernel.sh" "$dir/launch-kernel.sh"
      printf '"/bin/sh", "{resource_dir}/launch-kernel.sh", '
    else
      printf '%s, ' "$(json_string "$java")"
    fi
    for f in "${flags[@]}"; do printf '%s, ' "$(json_string "$f")"; done
    printf '"-cp", "{resource_dir}/javaasync-kernel.jar", "org.javaasync.kernel.Main", "{connection_file}"],\n'
    printf '  "display_name": %s,\n  "language": "java",\n  "interrupt_mode": "message",\n' \
      "$(json_string "$display_name")"
    printf '  "env": {'
    # MALLOC_ARENA_MAX=2: glibc gives each thread that mallocs (JIT compiler threads, ZeroMQ, GC) an arena of its
    # own and keeps their freed memory; two arenas (with -Xms64m) keep RSS lower at no measured cost in latency
    # (docs/benchmarks-kernel.md). An --env MALLOC_ARENA_MAX=... replaces it.
    local defaults=(MALLOC_ARENA_MAX=2)
    for e in "${env_vars[@]+"${env_vars[@]}"}"; do
      [[ "$e" == MALLOC_ARENA_MAX=* ]] && defaults=()
    done
    for e in "${defaults[@]+"${defaults[@]}"}" "${env_vars[@]+"${env_vars[@]}"}"; do
      [ "$first" = 1 ] || printf ', '
      first=0
      printf '%s: %s' "$(json_string "${e%%=*}")" "$(json_string "${e#*=}")"
    done
    printf '},\n  "metadata": {"debugger": false}\n}\n'
  } > "$dir/kernel.json"
}

if [ -n "$stage" ]; then
  write_kernelspec "$stage"
  echo "Wrote kernelspec $name to $stage"
  exit 0
fi

require_jupyter
staging=$(mktemp -d "${TMPDIR:-/tmp}/java-async-kernelspec.XXXXXX")
trap 'rm -rf "$staging"' EXIT
write_kernelspec "$staging/$name"
case "$mode" in
  user) where=(--user) ;;
  sys-prefix) where=(--sys-prefix) ;;
  prefix) mkdir -p "$prefix"; where=(--prefix "$(cd "$prefix" && pwd)") ;;
esac
if ! out=$(jupyter kernelspec install "$staging/$name" --name "$name" --replace "${where[@]}" 2>&1); then
  echo "error: jupyter kernelspec install failed:" >&2
  echo "$out" >&2
  exit 1
fi
dest=$(printf '%s\n' "$out" | sed -n "s/.*Installed kernelspec $name in //p" | tail -n1)
[ -n "$dest" ] && [ -f "$dest/kernel.json" ] || { echo "error: unexpected answer from jupyter: $out" >&2; exit 1; }
if has_control "$dest" || [[ "$dest" == *:* ]]; then
  rm -rf "$dest"
  refuse "Jupyter's kernel folder '$dest' holds a ':' or a control character, which would break the JVM's class" \
    "path; removed it again. Install with --prefix to a plain path."
fi

# Train the class-data-sharing archive once now, so the first real start is already fast.
if [ "$java_at_start" = 0 ] && "$java" "${flags[@]//\{resource_dir\}/$dest}" -cp "$dest/javaasync-kernel.jar" \
     org.javaasync.kernel.Main --warm-up >/dev/null 2>&1; then
  :
else
  echo "note: the class-data-sharing archive is created at the kernel's first exit." >&2
fi

echo "Installed kernelspec $name in $dest"
if [ "$mode" = prefix ]; then
  echo "Jupyter finds it with JUPYTER_PATH=$(cd "$prefix" && pwd)/share/jupyter"
elif ! jupyter kernelspec list 2>/dev/null | grep -qE "^\s*$name\s"; then
  echo "warning: 'jupyter kernelspec list' does not show $name; check JUPYTER_PATH" >&2
fi
