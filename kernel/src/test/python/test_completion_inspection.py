"""Completion and inspection through a real client: magics after %, no internal names, Javadoc of the runtime, the
display API, the JDK and the user's own doc comments (Shift-Tab sends inspect_request; `name?` pages it)."""
import re
import unittest

from kernel_support import KernelTestCase, execute, shell_reply


class CompletionAndInspection(KernelTestCase):

    def complete(self, code, cursor=None):
        return shell_reply(self.kc, self.kc.complete(code, len(code) if cursor is None else cursor))["content"]

    def inspect(self, code, cursor=None):
        content = shell_reply(self.kc, self.kc.inspect(code, len(code) if cursor is None else cursor, 0))["content"]
        self.assertEqual(content["status"], "ok", content)
        return content

    def doc(self, code, cursor=None):
        content = self.inspect(code, cursor)
        self.assertTrue(content["found"], "nothing found for %r" % code)
        return content["data"]["text/plain"]

    def page(self, code):
        reply, _ = execute(self.kc, code)
        self.assertEqual(reply["status"], "ok", reply)
        return reply["payload"][0]["data"]["text/plain"]

    def test_a_percent_at_the_top_of_a_cell_offers_the_magics(self):
        first = self.complete("%ti")
        self.assertEqual(first["matches"], ["%time", "%%time", "%%timeline"])
        self.assertEqual((first["cursor_start"], first["cursor_end"]), (0, 3))
        types = first["metadata"]["_jupyter_types_experimental"]
        self.assertEqual({t["type"] for t in types}, {"magic"})
        later = self.complete("%%time\n%ta")
        self.assertEqual(later["matches"], ["%tasks"], "no cell magic after the first line")
        self.assertEqual(later["cursor_start"], len("%%time\n"))
        self.assertIn("%maven", self.complete("%")["matches"])

    def test_a_percent_after_java_is_the_remainder_operator(self):
        matches = self.complete("int total = 7;\n%ti")["matches"]
        self.assertFalse([m for m in matches if m.startswith("%")], matches)

    def test_async_bodies_temporaries_and_warm_up_names_are_never_offered(self):
        self.assertEqual(execute(self.kc, "async int scoreOf(int x) { return x; }")[0]["status"], "ok")
        self.assertEqual(execute(self.kc, 'Integer.parseInt("x")')[0]["status"], "error")  # leaves a temporary
        self.assertEqual(self.complete("scoreO")["matches"], ["scoreOf("])
        dollars = self.complete("$")["matches"]
        self.assertFalse([m for m in dollars if re.fullmatch(r"\$\d+", m) or "warm" in m.lower()], dollars)
        everything = self.complete("")["matches"]
        self.assertFalse([m for m in everything if "$async" in m or re.fullmatch(r"\$\d+", m)], everything[:20])

    def test_shift_tab_on_the_runtime_shows_its_javadoc(self):
        text = self.doc("var s = sleep", len("var s = sle"))
        self.assertIn("Coroutine<Void> Asyncio.sleep(double seconds)", text)
        self.assertIn("sleeps seconds of loop time", text)
        text = self.doc("await(gather(")
        self.assertIn("gather(", text)
        self.assertGreater(len(text.splitlines()), 4, text)
        group = self.doc("TaskGroup")
        self.assertIn("\n    await(taskGroup(tg -> {", group)
        self.assertIn("\n        tg.createTask(fetch(\"a\"));\n", group, "the code example keeps its indentation")
        queue = self.doc("AsyncQueue")
        self.assertTrue(queue.startswith("org.javaasync.runtime.sync.AsyncQueue"), queue)
        self.assertGreater(len(queue.splitlines()), 2, "the class's Javadoc is missing: " + queue)

    def test_shift_tab_on_the_display_api_shows_its_javadoc(self):
        text = self.doc("markdown(")
        self.assertIn("markdown(String markdown)", text)
        self.assertIn("Markdown bundle", text)

    def test_a_static_interface_method_of_the_jdk_is_documented(self):
        text = self.page("List.of?")
        self.assertIn("Returns an unmodifiable list containing zero elements", text)
        self.assertIn("@param <E> the List's element type", text)
        self.assertIn("Returns an unmodifiable list", self.doc("var xs = List.of(1, 2", len("var xs = List.of(")))

    def test_the_users_doc_comments_are_shown(self):
        code = ("/**\n * The price with tax.\n * @param price before tax\n */\n"
                "double withTax(double price) { return price * 1.2; }\n"
                "/** A shop's order. */\nrecord Order(String item, double price) {\n"
                "    /** The order's total, with tax. */\n    double total() { return withTax(price); }\n}\n"
                "/** Loads a page, politely. */\nasync String load(String url) { await(sleep(0.01)); return url; }")
        self.assertEqual(execute(self.kc, code)[0]["status"], "ok")
        text = self.page("withTax?")
        self.assertIn("double withTax(double price)", text)
        self.assertIn("The price with tax.", text)
        self.assertIn("@param price before tax", text)
        self.assertIn("A shop's order.", self.doc("Order"))
        self.assertIn("The order's total, with tax.", self.doc('new Order("tea", 2).total('))
        self.assertIn("Loads a page, politely.", self.doc("await(load(", len("await(lo")))

    def test_a_magic_is_documented_by_shift_tab_and_by_a_question_mark(self):
        self.assertIn("cancels live tasks", self.doc("%cancel all", 3))
        self.assertTrue(self.page("%tasks?").startswith("%tasks (line magic)"))
        self.assertFalse(self.inspect("%nosuchmagic", 4)["found"])


if __name__ == "__main__":
    unittest.main()
