#!/usr/bin/env bash
# Builds the release: build/dist/java-async-kernel-VERSION.zip (unzip anywhere, then ./install.sh --user |
# --sys-prefix | --prefix DIR; needs only a JDK 25 and Jupyter) and build/dist/java_async_kernel-VERSION-py3-none-any.whl
# (pip install it into an environment whose Jupyter should offer the kernel). Both carry the same kernel jar and
# kernelspec files. The wheel is built with Debian's python3-setuptools and python3-wheel, without a package index.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/find-jdk.sh

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n1)
[ -n "$version" ] || { echo "error: no <version> in pom.xml" >&2; exit 1; }
# PEP 440 for the wheel: 0.1.0-SNAPSHOT is a development release, 0.1.0.dev0.
wheel_version=${version%-SNAPSHOT}
[ "$wheel_version" = "$version" ] || wheel_version="$wheel_version.dev0"

echo "== Building the kernel $version (mvn package)"
mvn -B -q -ntp -pl kernel -am package -DskipTests
jar=$(ls kernel/target/javaasync-kernel-"$version".jar)

dist=build/dist
name=java-async-kernel-$version
stage=$dist/$name
rm -rf "$stage" "$dist/$name.zip" "$dist"/java_async_kernel-*.whl build/wheel
mkdir -p "$stage/kernelspec"
cp "$jar" "$stage/kernelspec/javaasync-kernel.jar"
cp install/logo-32x32.png install/logo-64x64.png "$stage/kernelspec/"
cp install/install.sh install/launch-kernel.sh scripts/find-jdk.sh "$stage/"
cp README.md LICENSE NOTICE THIRD-PARTY-NOTICES.md "$stage/"
chmod +x "$stage/install.sh" "$stage/launch-kernel.sh"
(cd "$dist" && rm -f "$name.zip" && zip -q -r -X "$name.zip" "$name")
echo "Wrote $dist/$name.zip"

echo "== Building the wheel $wheel_version"
py=""
for p in "${PYTHON:-}" python3 /usr/bin/python3; do
  if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && "$p" -c 'import setuptools, wheel' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "error: no python3 with setuptools and wheel (Debian: python3-setuptools python3-wheel)" >&2; exit 1; }
mkdir -p build/wheel
bash install/install.sh --stage "$ROOT/build/wheel/kernelspec" --java-from-environment >/dev/null
cp install/wheel/setup.py build/wheel/
(cd build/wheel \
  && JAVA_ASYNC_KERNELSPEC=kernelspec JAVA_ASYNC_VERSION="$wheel_version" JAVA_ASYNC_README="$ROOT/README.md" \
     JAVA_ASYNC_LICENSE="$ROOT/LICENSE" JAVA_ASYNC_NOTICES="$ROOT/THIRD-PARTY-NOTICES.md" \
     "$py" setup.py -q bdist_wheel --python-tag py3 -d "$ROOT/$dist" >/dev/null)
echo "Wrote $(ls "$dist"/java_async_kernel-"$wheel_version"-py3-none-any.whl)"
