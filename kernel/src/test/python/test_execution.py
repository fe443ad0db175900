"""Execution semantics over the real protocol: counters, silent, store_history, user_expressions, stop_on_error,
System.exit, stdin, and requests answered while a cell runs."""
import time
import unittest

from kernel_support import KernelTestCase, collect_outputs, execute, shell_reply, stream_text


class ExecuteRequestFields(KernelTestCase):

    def test_silent_cells_publish_nothing_and_keep_the_counter(self):
        before, _ = execute(self.kc, "1")
        reply, outputs = execute(self.kc, '40 + 2', silent=True)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(reply["execution_count"], before["execution_count"])
        self.assertEqual([m["msg_type"] for m in outputs], ["status"])  # busy only

    def test_store_history_false_keeps_the_counter_and_the_history(self):
        before, _ = execute(self.kc, "1")
        reply, _ = execute(self.kc, '"not stored"', store_history=False)
        self.assertEqual(reply["execution_count"], before["execution_count"])
        msg_id = self.kc.history(hist_access_type="tail", n=50, output=False, raw=True)
        history = shell_reply(self.kc, msg_id)["content"]["history"]
        self.assertNotIn('"not stored"', [h[2] for h in history])

    def test_user_expressions_are_evaluated_after_the_cell(self):
        reply, _ = execute(self.kc, "int ue = 20;", user_expressions={"double": "ue * 2", "bad": "nope("})
        self.assertEqual(reply["status"], "ok")
        expressions = reply["user_expressions"]
        self.assertEqual(expressions["double"]["status"], "ok")
        self.assertEqual(expressions["double"]["data"]["text/plain"], "40")
        self.assertEqual(expressions["bad"]["status"], "error")

    def test_an_error_with_stop_on_error_aborts_the_queued_cells(self):
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("first fails");')
        queued = self.kc.execute('System.out.println("must not run");')
        first = shell_reply(self.kc, failing)
        second = shell_reply(self.kc, queued)
        self.assertEqual(first["content"]["status"], "error")
        self.assertEqual(second["content"]["status"], "aborted")
        collect_outputs(self.kc, failing)
        outputs = collect_outputs(self.kc, queued)
        self.assertNotIn("must not run", stream_text(outputs))
        reply, _ = execute(self.kc, "1 + 1")
        self.assertEqual(reply["status"], "ok")

    def test_without_stop_on_error_the_queued_cells_run(self):
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("x");', stop_on_error=False)
        queued = self.kc.execute('System.out.println("still runs");')
        self.assertEqual(shell_reply(self.kc, failing)["content"]["status"], "error")
        self.assertEqual(shell_reply(self.kc, queued)["content"]["status"], "ok")
        collect_outputs(self.kc, failing)
        self.assertIn("still runs", stream_text(collect_outputs(self.kc, queued)))

    def test_exit_asks_the_frontend_to_leave_and_the_kernel_keeps_serving(self):
        for code in ("exit", "quit", "/exit", "exit();"):
            reply, outputs = execute(self.kc, code)
            self.assertEqual(reply["status"], "ok", code)
            self.assertEqual(reply["payload"], [{"source": "ask_exit", "keepkernel": False}], code)
            self.assertIn("Kernel > Shut Down", stream_text(outputs))
        reply, outputs = execute(self.kc, "int exitCode = 2; exitCode")
        self.assertEqual(reply["payload"], [])
        self.assertEqual([m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"],
                         ["2"])


class Introspection(KernelTestCase):

    def test_documentation_keeps_working_after_a_class_redefinition_fails_to_compile(self):
        self.assertEqual(execute(self.kc, "class Pt { int x; }")[0]["status"], "ok")
        self.assertEqual(execute(self.kc, 'class Pt { int x = "one"; }')[0]["status"], "error")
        msg_id = self.kc.inspect("Math.max(1, 2)", 6, 0)
        content = shell_reply(self.kc, msg_id)["content"]
        self.assertTrue(content["found"])
        self.assertIn("int Math.max(int a, int b)", content["data"]["text/plain"])
        reply, _ = execute(self.kc, "Math.max?")
        self.assertIn("int Math.max(int a, int b)", reply["payload"][0]["data"]["text/plain"])


class ProcessSurvival(KernelTestCase):

    def test_system_exit_is_an_error_and_the_kernel_lives(self):
        reply, outputs = execute(self.kc, "System.exit(3);")
        self.assertEqual(reply["status"], "error")
        self.assertIn("error", [m["msg_type"] for m in outputs])
        self.assertTrue(self.km.is_alive())
        reply, _ = execute(self.kc, "1 + 1")
        self.assertEqual(reply["status"], "ok")

    def test_every_route_to_exit_or_halt_is_refused_and_the_kernel_lives(self):
        routes = {
            "method reference": "IntConsumer q = System::exit;\nq.accept(3);",
            "reflection": 'System.class.getMethod("exit", int.class).invoke(null, 4);',
            "method handle": ('java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, "halt",\n'
                              '    java.lang.invoke.MethodType.methodType(void.class, int.class))\n'
                              '    .invoke(Runtime.getRuntime(), 5);'),
            "another thread": ('var t = new Thread(() -> Runtime.getRuntime().exit(6));\n'
                               't.start();\nt.join();\n"still here"'),
        }
        for route, code in routes.items():
            with self.subTest(route=route):
                reply, outputs = execute(self.kc, code)
                shown = str(reply) + "".join(str(m["content"]) for m in outputs)
                self.assertIn("the kernel keeps running", shown, route)
                self.assertTrue(self.km.is_alive(), route)
                self.assertEqual(execute(self.kc, "1 + 1")[0]["status"], "ok", route)

    def test_stack_overflow_is_reported_and_the_kernel_lives(self):
        reply, _ = execute(self.kc, "int down(int n) { return down(n + 1) + 1; }\ndown(0)")
        self.assertEqual(reply["status"], "error")
        self.assertIn("StackOverflowError", reply["ename"])
        self.assertEqual(execute(self.kc, "2 + 2")[0]["status"], "ok")


class RequestsDuringALongCell(KernelTestCase):

    def test_kernel_info_complete_and_heartbeat_answer_while_a_cell_runs(self):
        # The first completion of class names indexes the class path (seconds on a loaded machine): do it first,
        # so that what is measured below is waiting for the running cell, which must not happen.
        shell_reply(self.kc, self.kc.complete("Strin"), timeout=60)
        running = self.kc.execute("Thread.sleep(3000);")
        time.sleep(0.3)
        for send in (self.kc.kernel_info, lambda: self.kc.complete("Strin"), lambda: self.kc.is_complete("1 +")):
            t0 = time.monotonic()
            reply = shell_reply(self.kc, send(), timeout=5)
            self.assertLess(time.monotonic() - t0, 2.0, reply["header"]["msg_type"])
        self.assertTrue(self.kc.hb_channel.is_beating())
        self.assertEqual(shell_reply(self.kc, running, timeout=10)["content"]["status"], "ok")
        collect_outputs(self.kc, running)


class StandardInput(KernelTestCase):

    def test_reading_system_in_asks_the_frontend(self):
        code = 'var line = new java.util.Scanner(System.in).nextLine();\nSystem.out.println("got " + line);'
        msg_id = self.kc.execute(code, allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual(request["msg_type"], "input_request")
        self.kc.input("forty-two")
        reply = shell_reply(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("got forty-two", stream_text(collect_outputs(self.kc, msg_id)))

    def test_reading_system_in_without_allow_stdin_fails_clearly(self):
        reply, outputs = execute(self.kc, "System.in.read()", allow_stdin=False)
        self.assertEqual(reply["status"], "error")
        self.assertIn("allow_stdin", reply["evalue"] + "".join(reply["traceback"]))


if __name__ == "__main__":
    unittest.main()
