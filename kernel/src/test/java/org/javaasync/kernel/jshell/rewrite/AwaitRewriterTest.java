package org.javaasync.kernel.jshell.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AwaitRewriterTest {

    private static final String C = AwaitRewriter.COROUTINE;
    private static final String A = AwaitRewriter.ASYNC;

    static Stream<Arguments> awaitExpressions() {
        return Stream.of(
                Arguments.of("await sleep(1);", "await(sleep(1));"),
                Arguments.of("var r = await gather(a(), b());", "var r = await(gather(a(), b()));"),
                Arguments.of("String s = await fetch(url).thenX;", "String s = await(fetch(url).thenX);"),
                Arguments.of("int n = await count() + 1;", "int n = await(count()) + 1;"),
                Arguments.of("print(await foo(), await bar());", "print(await(foo()), await(bar()));"),
                Arguments.of("await outer(await inner(x));", "await(outer(await(inner(x))));"),
                Arguments.of("await task;", "await(task);"),
                Arguments.of("await tasks[0];", "await(tasks[0]);"),
                Arguments.of("await list.get(0).done();", "await(list.get(0).done());"),
                Arguments.of("await Asyncio.<String>async(() -> \"x\");", "await(Asyncio.<String>async(() -> \"x\"));"),
                Arguments.of("await new Thing(1) { int x; }.go();", "await(new Thing(1) { int x; }.go());"),
                Arguments.of("return await fetch();", "return await(fetch());"),
                Arguments.of("if (await ready()) go();", "if (await(ready())) go();"),
                Arguments.of("await   sleep(0.5);", "await(sleep(0.5));"),
                Arguments.of("await\n    sleep(2);", "await(\nsleep(2));"),
                Arguments.of("() -> { await sleep(1); }", "() -> { await(sleep(1)); }"),
                Arguments.of("for (var x : await items()) {}", "for (var x : await(items())) {}"),
                Arguments.of("await this.<T>poll();", "await(this.<T>poll());"),
                Arguments.of(
                        "String s = \"unterminated\n await sleep(1);", "String s = \"unterminated\n await(sleep(1));"),
                Arguments.of("await sleep(1)", "await(sleep(1))"));
    }

    @ParameterizedTest
    @MethodSource("awaitExpressions")
    void awaitExpressionBecomesACallOfAwait(String in, String out) {
        assertEquals(out, AwaitRewriter.rewrite(in).text());
    }

    static Stream<String> leftAlone() {
        return Stream.of(
                "await(sleep(1));",
                "await (sleep(1));",
                "latch.await();",
                "latch.await(1, TimeUnit.SECONDS);",
                "Runnable r = this::await;",
                "int await = 3;",
                "String s = \"await sleep(1)\";",
                "char c = 'a'; // await sleep(1)",
                "/* await sleep(1) */ int x = 1;",
                "String t = \"\"\"\n    await sleep(1)\n    async void f() {}\n    \"\"\";",
                "var c = async(() -> 1);",
                "var async = 2; int y = async + 1;",
                "Coroutine<Void> c = Asyncio.async(\"n\", () -> {});",
                "int x = 1 + 2;");
    }

    @ParameterizedTest
    @MethodSource("leftAlone")
    void codeThatIsAlreadyJavaIsLeftAlone(String in) {
        RewrittenSource r = AwaitRewriter.rewrite(in);
        assertEquals(in, r.text());
        assertFalse(r.changed());
    }

    @Test
    void cellWithoutTheKeywordsIsReturnedWithoutTokenizing() {
        String in = "int x = 1;";
        assertSame(in, AwaitRewriter.rewrite(in).text());
    }

    static Stream<Arguments> asyncMethods() {
        return Stream.of(
                Arguments.of(
                        "async String fetch(String url) {\n    return url;\n}",
                        "String fetch$async(String url) throws Exception {\n    return url;\n} " + C
                                + "<String> fetch(String url) { return " + A
                                + "(\"fetch\", () -> fetch$async(url)); }"),
                Arguments.of(
                        "async void main() {\n    await sleep(1);\n}",
                        "void main$async() throws Exception {\n    await(sleep(1));\n} " + C + "<Void> main() { return "
                                + A + "(\"main\", () -> { main$async(); }); }"),
                Arguments.of(
                        "static async int twice(int x, final long y) { return x * 2; }",
                        "static int twice$async(int x, final long y) throws Exception { return x * 2; } static " + C
                                + "<Integer> twice(int x, final long y) { return " + A
                                + "(\"twice\", () -> twice$async(x, y)); }"),
                Arguments.of(
                        "async <T> List<T> all(List<Map<String, T>> in, String... names) throws IOException { }",
                        "<T> List<T> all$async(List<Map<String, T>> in, String... names) throws Exception { } <T> " + C
                                + "<List<T>> all(List<Map<String, T>> in, String... names) { return " + A
                                + "(\"all\", () -> all$async(in, names)); }"),
                Arguments.of(
                        "public async int[] arr(int xs[]) { return xs; }",
                        "public int[] arr$async(int xs[]) throws Exception { return xs; } public " + C
                                + "<int[]> arr(int xs[]) { return " + A + "(\"arr\", () -> arr$async(xs)); }"),
                Arguments.of(
                        "@Deprecated async void f( ) {}",
                        "void f$async( ) throws Exception {} @Deprecated " + C + "<Void> f( ) { return " + A
                                + "(\"f\", () -> { f$async(); }); }"),
                Arguments.of(
                        "@Override public @SuppressWarnings(\"x\") async String next() { return \"n\"; }",
                        "public String next$async() throws Exception { return"
                                + " \"n\"; } @Override @SuppressWarnings(\"x\") public "
                                + C + "<String> next() { return " + A + "(\"next\", () -> next$async()); }"),
                Arguments.of(
                        "@A static @B async void g() {}",
                        "static void g$async() throws Exception {} @A @B static " + C + "<Void> g() { return " + A
                                + "(\"g\", () -> { g$async(); }); }"),
                Arguments.of(
                        "class W { async String get() { return \"w\"; } }",
                        "class W { String get$async() throws "
                                + "Exception { return \"w\"; } " + C + "<String> get() { return " + A
                                + "(\"get\", () -> get$async()); } }"),
                Arguments.of(
                        "interface Api { async String get() throws IOException; }",
                        "interface Api { " + C + "<String> get(); }"));
    }

    @ParameterizedTest
    @MethodSource("asyncMethods")
    void asyncMethodReturnsACoroutineWrappingItsBody(String in, String out) {
        assertEquals(out, AwaitRewriter.rewrite(in).text());
    }

    @Test
    void asyncMethodKeepsTheBodyOnTheUsersLines() {
        String in = "async void f() {\n    int x = 1;\n    await sleep(x);\n}";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        assertEquals(in.lines().count(), r.text().lines().count());
        assertEquals("    int x = 1;", r.text().lines().toList().get(1));
    }

    @ParameterizedTest
    @MethodSource({"awaitExpressions", "asyncMethods"})
    void everyLineStaysTheUsersLine(String in, String ignored) {
        String out = AwaitRewriter.rewrite(in).text();
        assertEquals(in.lines().count(), out.lines().count(), out);
    }

    @Test
    void asyncKeywordOnItsOwnLineKeepsTheLineCount() {
        String in = "static async\nString f() {\n  return \"x\";\n}\nint after = 1;";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        assertEquals(5, r.text().lines().count());
        assertEquals("int after = 1;", r.text().lines().toList().get(4));
    }

    @Test
    void offsetsMapForwardAndBackAroundEdits() {
        String in = "int a = 1; var r = await fetch(u); int y = 2;";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        for (String probe : List.of("int a", "fetch", "int y")) {
            int original = in.indexOf(probe);
            assertEquals(r.text().indexOf(probe), r.toRewritten(original), probe);
            assertEquals(original, r.toOriginal(r.toRewritten(original)), probe);
        }
    }

    @Test
    void aCursorAtTheEndOfAnAwaitedNameStaysInsideTheClosingParenthesis() {
        for (String in : List.of("await gat", "var r = await gat", "x = await f")) {
            RewrittenSource r = AwaitRewriter.rewrite(in);
            int cursor = r.toRewritten(in.length());
            assertEquals(")", r.text().substring(cursor), in);
            assertEquals(in.length(), r.toOriginal(cursor), in);
        }
    }

    @Test
    void offsetsAfterARewriteMapBackToTheUsersColumns() {
        String in = "var r = await fetch(u); int y = \"s\";";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        int errorInRewritten = r.text().indexOf("\"s\"");
        assertEquals(in.indexOf("\"s\""), r.toOriginal(errorInRewritten));
        assertEquals(in.indexOf("fetch"), r.toOriginal(r.text().indexOf("fetch")));
        assertEquals(in.indexOf("var"), r.toOriginal(0));
    }

    @Test
    void offsetsInsideGeneratedTextMapToTheConstructTheyReplaced() {
        String in = "async String f(int a) {\n  return 1;\n}";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        assertEquals(in.lastIndexOf("}") + 1, r.toOriginal(r.text().indexOf(C)));
        assertEquals(in.indexOf("("), r.toOriginal(r.text().indexOf("$async")));
        assertEquals(in.indexOf("return 1"), r.toOriginal(r.text().indexOf("return 1")));
    }

    static Stream<Arguments> asyncLambdas() {
        return Stream.of(
                Arguments.of("var c = async () -> { return 1; };", "var c = async(() -> { return 1; });"),
                Arguments.of("var c = async () -> 42;", "var c = async(() -> 42);"),
                Arguments.of(
                        "createTask(async () -> work(1, 2), \"w\");", "createTask(async(() -> work(1, 2)), \"w\");"),
                Arguments.of("go(async () -> { await sleep(1); });", "go(async(() -> { await(sleep(1)); }));"),
                Arguments.of("await async () -> 40 + 2", "await(async(() -> 40 + 2))"),
                Arguments.of("var v = await async () -> { return 7; };", "var v = await(async(() -> { return 7; }));"),
                Arguments.of("async() -> f()", "async(() -> f())"),
                Arguments.of("var c = async x -> x;", "var c = async(x -> x);"));
    }

    @ParameterizedTest
    @MethodSource("asyncLambdas")
    void anAsyncLambdaBecomesTheCoroutineAsyncMakesOfIt(String in, String out) {
        assertEquals(out, AwaitRewriter.rewrite(in).text());
    }

    @Test
    void anAsyncLambdaKeepsTheColumnsOfWhatFollowsIt() {
        String in = "var c = async () -> 1; int y = \"s\";";
        RewrittenSource r = AwaitRewriter.rewrite(in);
        assertEquals(in.indexOf("\"s\""), r.toOriginal(r.text().indexOf("\"s\"")));
    }

    @Test
    void asyncCallsAreLeftAlone() {
        for (String in :
                List.of("async(() -> 1);", "async(\"name\", () -> 1);", "var c = async(() -> { return 2; });")) {
            assertEquals(in, AwaitRewriter.rewrite(in).text(), in);
        }
    }
}
