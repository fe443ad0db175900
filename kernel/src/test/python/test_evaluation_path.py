"""The evaluation path off the happy path, through a real Jupyter client: redefinitions keep the values computed
from what they redefine (or say which variable was reset), a cell that does not compile runs nothing, async lambdas,
clear errors about await, no generated JShell names in values or traces, a string constant over 64 KB, and an
interrupt of a cell of many thousands of statements."""
import time
import unittest

from kernel_support import KernelTestCase, RawChannel, collect_outputs, execute, shell_reply, stream_text


def result_text(outputs):
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    return results[-1] if results else None


class EvaluationPath(KernelTestCase):

    def ok(self, code, timeout=60):
        reply, outputs = execute(self.kc, code, timeout=timeout)
        self.assertEqual(reply["status"], "ok", "%s failed: %r" % (code, reply))
        return outputs

    def error(self, code, timeout=60):
        reply, outputs = execute(self.kc, code, timeout=timeout)
        self.assertEqual(reply["status"], "error", "%s should fail: %r" % (code, outputs))
        return reply

    def value(self, code):
        return result_text(self.ok(code))

    # ---- redefinitions -------------------------------------------------------------------------------------

    def test_redefining_a_method_keeps_the_variable_computed_from_it(self):
        self.ok("int twice(int x) { return 2 * x; }\nvar total = twice(21);")
        outputs = self.ok("int twice(int x) { return 3 * x; }")
        self.assertEqual(stream_text(outputs, "stderr"), "")
        self.assertEqual(self.value("total"), "42")
        self.assertEqual(self.value("twice(21)"), "63")

    def test_a_task_held_in_a_variable_survives_a_redefinition_and_can_be_awaited(self):
        self.ok("int work() { return 5; }\nvar job = createTask(async(() -> work()), \"job\");")
        self.ok("int work() { return 6; }")
        self.assertEqual(self.value("await job"), "5")

    def test_a_variable_that_cannot_keep_its_value_is_named_in_the_cell(self):
        self.ok("class Pt { int x; }\nPt pt = new Pt();")
        outputs = self.ok("class Pt { int x; int y; }")
        self.assertIn("Warning: update replaced variable pt, reset to null", stream_text(outputs, "stderr"))
        self.ok("var base = 1;\nint first() { return base; }\nvar fromFirst = first();")
        outputs = self.ok("String base = \"now text\";")
        self.assertIn("Warning: update modified method first(), which cannot be invoked until this error is corrected:"
                      " incompatible types: java.lang.String cannot be converted to int",
                      stream_text(outputs, "stderr"))
        self.assertEqual(self.value("fromFirst"), "1")

    # ---- a cell runs only when all of it compiles ----------------------------------------------------------

    def test_a_cell_that_does_not_compile_starts_nothing(self):
        self.ok("var ticks = new java.util.concurrent.atomic.AtomicInteger();")
        ticker = ("var ticker = createTask(async(() -> { while (true) { ticks.incrementAndGet(); await sleep(0.01); } }),"
                  " \"ticker\");\nSystem.out.println(\"started\");\n")
        reply, outputs = execute(self.kc, ticker + "int bad = \"x\";")
        self.assertEqual(reply["status"], "error")
        self.assertIn("Nothing in this cell ran", "\n".join(reply["traceback"]))
        self.assertNotIn("started", stream_text(outputs))
        self.assertEqual(self.value("await sleep(0.3);\nticks.get()"), "0")
        self.assertEqual(self.error("ticker")["ename"], "CompileError")
        # Fixed and run again: one ticker, not two.
        self.ok(ticker + "int good = 1;")
        count = "allTasks().stream().filter(t -> t.getName().equals(\"ticker\") && !t.isDone()).count()"
        self.assertEqual(self.value(count), "1")
        self.assertEqual(self.value("ticker.cancel()"), "true")

    def test_variables_of_a_cell_stopped_by_an_exception_are_not_left_at_zero(self):
        self.ok("int level = 10;")
        reply = self.error("int level = Integer.parseInt(\"x\");\nint later = 3;")
        self.assertEqual(reply["ename"], "java.lang.NumberFormatException")
        self.assertEqual(self.value("level"), "10")
        self.assertEqual(self.error("later")["ename"], "CompileError")

    # ---- await and async -----------------------------------------------------------------------------------

    def test_an_async_lambda_is_a_coroutine(self):
        self.assertEqual(self.value("await async () -> 40 + 2"), "42")
        self.assertEqual(self.value("var c = async () -> { await sleep(0.01); return \"done\"; };\nawait c"),
                         "\"done\"")

    def test_awaiting_the_wrong_thing_is_one_clear_error(self):
        reply = self.error("String s = await sleep(0.01);")
        self.assertEqual(reply["evalue"],
                         "incompatible types: await sleep(0.01) gives a Void, which cannot be converted to String")
        self.assertNotIn("CompletionStage<T>", "\n".join(reply["traceback"]))
        reply = self.error("await 5")
        self.assertTrue(reply["evalue"].startswith("await needs something to wait for"), reply["evalue"])
        self.assertEqual(len(reply["traceback"]), 3, reply["traceback"])

    def test_a_checked_exception_never_thrown_around_an_await_gets_a_hint(self):
        reply = self.error("try {\n    await sleep(0.01);\n} catch (java.io.IOException e) {\n}")
        self.assertIn("Hint: await rethrows", "\n".join(reply["traceback"]))

    def test_java_time_is_imported(self):
        self.assertEqual(self.value("Duration.ofMillis(1500)"), "PT1.5S")

    # ---- JShell's generated names --------------------------------------------------------------------------

    def test_values_and_traces_show_no_generated_names(self):
        self.assertRegex(self.value("class Dot {}\nnew Dot()"), r"^Dot@[0-9a-f]+$")
        self.assertRegex(self.value("Runnable r = () -> {};\nr"), r"^<lambda>@[0-9a-f]+$")
        reply = self.error("class Boom extends RuntimeException { Boom(String m) { super(m); } }\n"
                           "var anon = new Object() { int v = 1; };\nthrow new Boom(\"x\");")
        trace = "\n".join(reply["traceback"])
        self.assertEqual(reply["ename"], "Boom")
        for generated in ("$JShell$", "do_it", "$$Lambda"):
            self.assertNotIn(generated, trace)
        reply = self.error("var failing = createTask(async(() -> { throw new Boom(\"late\"); }));\nawait failing")
        trace = "\n".join(reply["traceback"])
        self.assertIn("Boom: late", trace)
        self.assertNotIn("$JShell$", trace)

    # ---- a string constant over 64 KB ----------------------------------------------------------------------

    def test_a_too_long_string_literal_is_an_error_and_the_session_goes_on(self):
        self.ok("String before = \"hello\";")
        reply = self.error("\"" + "a" * 70000 + "\".length()")
        self.assertEqual(reply["evalue"], "constant string too long")
        self.assertTrue(reply["traceback"][0].startswith("Compile error at line 1, column 1"), reply["traceback"][0])
        self.assertEqual(self.value("before"), "\"hello\"")
        self.assertEqual(self.value("int after = 3;\nafter"), "3")


class LongCellInterrupt(KernelTestCase):

    def test_an_interrupt_stops_a_cell_of_a_hundred_thousand_statements_at_once(self):
        execute(self.kc, "int n = 0;")
        code = "n++;\n" * 100_000  # about 500 KB; splitting it took minutes, the interrupt waited for all of it
        msg_id = self.kc.execute(code)
        time.sleep(1.0)
        raw = RawChannel(self.km, "control")
        try:
            t0 = time.monotonic()
            raw.send(raw.request("interrupt_request", {}))
            self.assertIsNotNone(raw.recv(timeout=10), "no interrupt_reply")
        finally:
            raw.close()
        reply = shell_reply(self.kc, msg_id, timeout=60)["content"]
        stopped_after = time.monotonic() - t0
        collect_outputs(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        # "At once" on a loaded machine: well under the minutes the old splitting took, with room for load.
        self.assertLess(stopped_after, 10.0, "the cell answered %.1f s after the interrupt" % stopped_after)
        reply, outputs = execute(self.kc, "n")
        self.assertEqual(result_text(outputs), "0")  # it was still being read: nothing of it ran


if __name__ == "__main__":
    unittest.main()
