"""Helpers for the integration tests: start the real java-async kernel through jupyter_client and talk to it.

The kernelspec is found through JUPYTER_PATH, which scripts/test.sh points at a temporary --prefix install
built from this checkout, so the tests never use a kernel installed elsewhere.
"""
import os
import time
import unittest
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("JAVA_ASYNC_KERNEL_NAME", "java-async")
START_TIMEOUT = 60
DELIMITER = b"<IDS|MSG>"


def start_kernel(env=None, stderr=None):
    """Starts a kernel and a blocking client whose channels are running and ready. `env`: variables added to this
    process's environment for the kernel; `stderr`: where the kernel's stderr (its log) goes. A kernel that never
    becomes ready is shut down before the error is raised."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    if env is None and stderr is None:
        km.start_kernel()
    else:
        km.start_kernel(env=dict(os.environ, **(env or {})), stderr=stderr)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=START_TIMEOUT)
    except BaseException:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def stop_kernel(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def _stash(kc, name):
    """Messages read while looking for another request's, kept per parent msg_id so that none is lost."""
    stash = getattr(kc, name, None)
    if stash is None:
        stash = {}
        setattr(kc, name, stash)
    return stash


def drain_iopub(kc, quiet=0.2):
    """Discards iopub messages (also stashed ones) until none arrives for `quiet` seconds."""
    _stash(kc, "_iopub_stash").clear()
    while True:
        try:
            kc.get_iopub_msg(timeout=quiet)
        except Empty:
            return


def _next(kc, getter, stash_name, msg_id, deadline, what):
    stash = _stash(kc, stash_name)
    while True:
        queued = stash.get(msg_id)
        if queued:
            return queued.pop(0)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("timed out waiting for %s of %s" % (what, msg_id))
        try:
            msg = getter(timeout=min(remaining, 1.0))
        except Empty:
            continue
        msg["_arrived"] = time.monotonic()
        parent = msg["parent_header"].get("msg_id")
        if parent == msg_id:
            return msg
        stash.setdefault(parent, []).append(msg)


def collect_outputs(kc, msg_id, timeout=30, stamp=False):
    """The iopub messages of request `msg_id` up to its idle status (exclusive); with `stamp`, (arrival time, msg)."""
    deadline = time.monotonic() + timeout
    out = []
    while True:
        try:
            msg = _next(kc, kc.get_iopub_msg, "_iopub_stash", msg_id, deadline, "iopub idle")
        except AssertionError:
            raise AssertionError("no idle status for %s within %ss; got %r" % (msg_id, timeout, out))
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            kc.last_idle = msg
            return out
        out.append((msg["_arrived"], msg) if stamp else msg)


def shell_reply(kc, msg_id, timeout=30):
    """The shell reply to `msg_id`; replies to other requests read meanwhile are kept for their callers."""
    return _next(kc, kc.get_shell_msg, "_shell_stash", msg_id, time.monotonic() + timeout, "the shell reply")


def execute(kc, code, timeout=30, **kwargs):
    """Runs a cell; returns (reply content, iopub messages up to idle)."""
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id, timeout)
    outputs = collect_outputs(kc, msg_id, timeout)
    return reply["content"], outputs


def stream_text(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def kernel_pid(km):
    """The kernel process id (jupyter_client 7 keeps the Popen in the provisioner)."""
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) if provisioner else getattr(km, "kernel", None)
    return process.pid


def kernel_time(msg):
    """The kernel's timestamp of a message (jupyter_client parses it on some paths, not on others)."""
    import datetime
    from dateutil.parser import isoparse
    date = msg["header"]["date"]
    return date if isinstance(date, datetime.datetime) else isoparse(date)


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


class RawChannel:
    """A raw ZeroMQ DEALER on one of the kernel's ROUTER channels, for sending frames no client would send."""

    def __init__(self, km, channel):
        info = km.get_connection_info()
        self.session = km.session
        self.socket = zmq.Context.instance().socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.connect("tcp://%s:%d" % (info["ip"], info[channel + "_port"]))
        time.sleep(0.2)  # let the connection settle before the first send

    def send_frames(self, frames):
        self.socket.send_multipart(frames)

    def signed(self, header, content, parent=None, metadata=None, key_ok=True):
        """Frames of a message with a correct (or, with key_ok False, forged) signature."""
        parts = [self.session.pack(p) if not isinstance(p, bytes) else p
                 for p in (header, parent or {}, metadata or {}, content)]
        signature = self.session.sign(parts) if key_ok else b"0" * 64
        return [DELIMITER, signature] + parts

    def request(self, msg_type, content):
        """A well-formed message as jupyter_client would build it (a dict with header etc.)."""
        return self.session.msg(msg_type, content)

    def send(self, msg):
        self.session.send(self.socket, msg)

    def recv(self, timeout=5.0):
        if not self.socket.poll(int(timeout * 1000)):
            return None
        frames = self.socket.recv_multipart()
        _, msg = self.session.feed_identities(frames)
        return self.session.deserialize(msg)

    def close(self):
        self.socket.close()


class KernelTestCase(unittest.TestCase):
    """One kernel for the whole test class."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_kernel()
        # Tests here are about a running kernel, not about start-up: wait until JShell answers.
        execute(cls.kc, "0", timeout=120)

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)

    def setUp(self):
        drain_iopub(self.kc, quiet=0.05)

    def assert_alive(self):
        """The kernel answers kernel_info on shell."""
        msg_id = self.kc.kernel_info()
        reply = shell_reply(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "ok")
