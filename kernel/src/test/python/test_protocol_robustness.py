"""Forged and malformed messages on every channel: dropped or answered with an error, never a dead channel."""
import json
import time
import unittest
import uuid

from kernel_support import DELIMITER, KernelTestCase, RawChannel, shell_reply


class ForgedAndMalformedMessages(KernelTestCase):

    def header(self, msg_type, drop=()):
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": uuid.uuid4().hex,
                  "username": "test", "date": "2026-01-01T00:00:00Z", "version": "5.3"}
        for key in drop:
            header.pop(key)
        return header

    def assert_channel_serves(self, channel):
        """A well-formed kernel_info_request on `channel` gets its reply."""
        raw = RawChannel(self.km, channel)
        try:
            msg = raw.request("kernel_info_request", {})
            raw.send(msg)
            reply = raw.recv(timeout=5)
            self.assertIsNotNone(reply, "no kernel_info_reply on %s" % channel)
            self.assertEqual(reply["header"]["msg_type"], "kernel_info_reply")
            self.assertEqual(reply["parent_header"]["msg_id"], msg["header"]["msg_id"])
        finally:
            raw.close()

    def malformed_frames(self, raw):
        key_signed = raw.signed
        return {
            "one garbage frame": [b"garbage"],
            "no delimiter": [b"a", b"b", b"c", b"d", b"e", b"f"],
            "too few frames": [DELIMITER, b"sig"],
            "delimiter only": [DELIMITER],
            "header not JSON": key_signed(b"{not json", {}),
            "header is a list": key_signed(b"[1, 2]", {}),
            "content not JSON": key_signed(self.header("kernel_info_request"), b"\xff\xfe"),
            "header without msg_type": key_signed(self.header("kernel_info_request", drop=["msg_type"]), {}),
            "header without msg_id": key_signed(self.header("kernel_info_request", drop=["msg_id"]), {}),
            "msg_type not a string": key_signed(dict(self.header("x"), msg_type=5), {}),
            "unknown request": key_signed(self.header("frobnicate_request"), {}),
            "unknown message": key_signed(self.header("frobnicate"), {}),
        }

    def test_malformed_frames_on_every_channel_leave_it_serving(self):
        for channel in ("shell", "control", "stdin"):
            raw = RawChannel(self.km, channel)
            try:
                for name, frames in self.malformed_frames(raw).items():
                    with self.subTest(channel=channel, case=name):
                        raw.send_frames(frames)
                        # No reply is expected; a short wait lets a broken kernel show it.
                        self.assertIsNone(raw.recv(timeout=0.05))
            finally:
                raw.close()
            if channel != "stdin":
                self.assert_channel_serves(channel)
        self.assert_channel_serves("shell")
        self.assert_channel_serves("control")
        self.assert_alive()

    def test_too_few_frames_do_not_swallow_the_next_request(self):
        raw = RawChannel(self.km, "shell")
        try:
            raw.send_frames([DELIMITER, b"sig", b"{}"])
            msg = raw.request("kernel_info_request", {})
            raw.send(msg)
            reply = raw.recv(timeout=5)
            self.assertIsNotNone(reply)
            self.assertEqual(reply["parent_header"]["msg_id"], msg["header"]["msg_id"])
        finally:
            raw.close()

    def test_forged_signature_is_dropped_and_never_executed(self):
        raw = RawChannel(self.km, "shell")
        try:
            marker = "forged-%s" % uuid.uuid4().hex
            frames = raw.signed(self.header("execute_request"),
                                {"code": 'System.out.println("%s");' % marker, "silent": False},
                                key_ok=False)
            raw.send_frames(frames)
            self.assertIsNone(raw.recv(timeout=1.0), "a forged message was answered")
        finally:
            raw.close()
        # Nothing about it on iopub either: no busy, no output.
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.1)
            except Exception:
                continue
            self.assertNotIn(marker, json.dumps(msg["content"]))
        self.assert_channel_serves("shell")
        self.assert_channel_serves("control")

    def test_forged_interrupt_on_control_is_dropped(self):
        raw = RawChannel(self.km, "control")
        try:
            raw.send_frames(raw.signed(self.header("shutdown_request"), {"restart": False}, key_ok=False))
            self.assertIsNone(raw.recv(timeout=1.0))
        finally:
            raw.close()
        self.assertTrue(self.km.is_alive())
        self.assert_channel_serves("control")

    def test_wrong_typed_fields_get_an_error_reply(self):
        cases = {
            "execute_request": {"code": 5},
            "complete_request": {"code": ["x"], "cursor_pos": 1},
            "inspect_request": {"code": "x", "cursor_pos": "one"},
            "is_complete_request": {"code": None},
            "history_request": {"hist_access_type": "sideways", "output": False, "raw": True},
            "comm_info_request": {"target_name": 3},
        }
        raw = RawChannel(self.km, "shell")
        try:
            for msg_type, content in cases.items():
                with self.subTest(msg_type=msg_type):
                    msg = raw.request(msg_type, content)
                    raw.send(msg)
                    reply = raw.recv(timeout=10)
                    self.assertIsNotNone(reply, "no reply to a bad %s" % msg_type)
                    self.assertEqual(reply["header"]["msg_type"], msg_type.replace("_request", "_reply"))
                    self.assertEqual(reply["content"]["status"], "error")
                    self.assertIn("ename", reply["content"])
        finally:
            raw.close()
        self.assert_alive()

    def test_heartbeat_echoes(self):
        import zmq
        info = self.km.get_connection_info()
        sock = zmq.Context.instance().socket(zmq.REQ)
        sock.linger = 0
        sock.connect("tcp://%s:%d" % (info["ip"], info["hb_port"]))
        try:
            sock.send(b"ping")
            self.assertTrue(sock.poll(5000))
            self.assertEqual(sock.recv(), b"ping")
        finally:
            sock.close()

    def test_sockets_bind_only_to_the_connection_address(self):
        import subprocess
        from kernel_support import kernel_pid
        ports = {str(v) for k, v in self.km.get_connection_info().items() if k.endswith("_port")}
        # ss comes with iproute2, which scripts/packages.sh installs for the tests.
        out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True, check=True).stdout
        pid = "pid=%d," % kernel_pid(self.km)
        for line in out.splitlines():
            if pid in line:
                local = line.split()[3]
                host, _, port = local.rpartition(":")
                if port in ports:
                    # Java's dual stack lists an IPv4 bind as the mapped address.
                    self.assertIn(host, ("127.0.0.1", "[::ffff:127.0.0.1]"), line)


if __name__ == "__main__":
    unittest.main()
