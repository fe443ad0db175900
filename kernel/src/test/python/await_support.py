"""Helpers shared by the issue-4 (top-level await) integration tests: reading iopub for a while, the text a
message shows, and probes that tell whether a feature being built in parallel has landed in this kernel.

The probes ask the running kernel, never a flag in the test: a test that needs a feature is skipped with
@unittest.skipUnless(probe), so it runs by itself once the feature is merged.
"""
import html
import re
import time
from queue import Empty

from kernel_support import collect_outputs, execute, shell_reply, start_kernel, stop_kernel, stream_text


def read_iopub(kc, seconds, until=None):
    """Every iopub message (with `_arrived`) for `seconds`, or until `until(messages)` is true."""
    deadline = time.monotonic() + seconds
    messages = []
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=min(0.2, max(0.01, deadline - time.monotonic())))
        except Empty:
            continue
        msg["_arrived"] = time.monotonic()
        messages.append(msg)
        if until is not None and until(messages):
            break
    return messages


def shown_text(msg):
    """The text a stream, display_data, update_display_data or execute_result message shows (plain text)."""
    content = msg["content"]
    if msg["msg_type"] == "stream":
        return content["text"]
    data = content.get("data", {})
    if "text/plain" in data:
        return data["text/plain"]
    if "text/html" in data:
        return html.unescape(re.sub(r"<[^>]+>", "", data["text/html"]))
    return ""


def display_id(msg):
    return msg["content"].get("transient", {}).get("display_id")


def parent_id(msg):
    return msg["parent_header"].get("msg_id")


def magics(kc):
    """The names %lsmagic lists (an empty set if the kernel has no %lsmagic)."""
    reply, outputs = execute(kc, "%lsmagic", timeout=60)
    if reply["status"] != "ok":
        return set()
    text = "".join(shown_text(m) for m in outputs)
    return set(re.findall(r"%%?[A-Za-z_]\w*", text))


_PROBE = {}


def _probe():
    """Starts one kernel, once per test process, and asks it which of the features being built in parallel it has:
    the magics %lsmagic lists, and whether a cell whose task outlives it gets a display (display_data with a
    display_id) in that cell, which the kernel then updates with the task's late output (issue 4, Build 3)."""
    if not _PROBE:
        km, kc = start_kernel()
        try:
            execute(kc, "0", timeout=120)
            _PROBE["magics"] = magics(kc)
            msg_id = kc.execute('createTask(async(() -> { await sleep(0.3); System.out.println("probe"); '
                                'return null; }), "probe");')
            outputs = collect_outputs(kc, msg_id, timeout=60)
            # The display may be left when the cell ends or when the first late line comes: read on for a while.
            outputs += [m for m in read_iopub(kc, 1.5) if parent_id(m) == msg_id]
            _PROBE["late_display"] = any(m["msg_type"] == "display_data" and display_id(m) for m in outputs)
        finally:
            stop_kernel(km, kc)
    return _PROBE


def has_magic(name):
    """Whether the kernel's %lsmagic lists `name` (e.g. "%tasks", "%%timeline")."""
    return name in _probe()["magics"]


def kernel_shows_late_output_as_a_display():
    """Whether output of a task that outlives its cell goes to a display the kernel leaves in that cell."""
    return _probe()["late_display"]


__all__ = ["read_iopub", "shown_text", "display_id", "parent_id", "magics", "has_magic",
           "kernel_shows_late_output_as_a_display", "collect_outputs", "execute", "shell_reply", "stream_text"]
