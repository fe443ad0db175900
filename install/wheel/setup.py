"""The Python wheel of the Java (async) kernel: data files only, the kernelspec that `pip install` puts in
<environment>/share/jupyter/kernels/java-async, where that environment's Jupyter finds it.

Built by scripts/release.sh (with Debian's python3-setuptools and python3-wheel, no package index) from a kernelspec
folder staged by `install/install.sh --stage DIR --java-from-environment`:

    JAVA_ASYNC_KERNELSPEC=DIR JAVA_ASYNC_VERSION=0.1.0 python3 setup.py -q bdist_wheel --python-tag py3 -d DIST

The kernelspec starts the JVM through launch-kernel.sh, which finds a JDK 25 at each start ($JAVA_ASYNC_JAVA,
$JAVA_HOME, java on PATH, /usr/lib/jvm): a wheel cannot know where the JDK is.
"""
import os

from setuptools import setup

kernelspec = os.environ["JAVA_ASYNC_KERNELSPEC"]
files = sorted(os.path.join(kernelspec, f) for f in os.listdir(kernelspec)
               if os.path.isfile(os.path.join(kernelspec, f)) and not f.endswith(".jsa"))

setup(
    name="java_async_kernel",
    version=os.environ["JAVA_ASYNC_VERSION"],
    description="Java (async): a Jupyter kernel for Java whose cells run on an asyncio-style event loop",
    long_description=open(os.environ["JAVA_ASYNC_README"], encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    license_files=[os.environ["JAVA_ASYNC_LICENSE"], os.environ["JAVA_ASYNC_NOTICES"]],
    classifiers=[
        "Framework :: Jupyter",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Java",
    ],
    python_requires=">=3.8",
    py_modules=[],
    data_files=[("share/jupyter/kernels/java-async", files)],
    zip_safe=False,
)
