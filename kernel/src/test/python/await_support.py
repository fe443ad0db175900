"""Helpers shared by the top-level await integration tests: reading iopub for a while, the text a message shows,
the display id and parent of a message."""
import html
import re
import time
from queue import Empty

from kernel_support import collect_outputs, execute, shell_reply, stream_text


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



__all__ = ["read_iopub", "shown_text", "display_id", "parent_id", "magics", "collect_outputs", "execute",
           "shell_reply", "stream_text"]
