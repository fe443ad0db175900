package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.javaasync.runtime.ContextVar.Token;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_context.py} ({@code ContextTest}): {@link ContextVar}, its tokens and
 * {@link Context}, outside any loop and in tasks. Python's {@code @isolated_context} is {@link #isolated}: the case
 * runs in a fresh {@link Context}. {@code LookupError}, {@code RuntimeError} and {@code ValueError} are
 * {@link NoSuchElementException}, {@link IllegalStateException} and {@link IllegalArgumentException}. Left out: the
 * argument-checking cases that Java's types make moot ({@code test_context_new_1}, {@code test_context_typerrors_1},
 * {@code test_context_run_1}, {@code test_context_subclassing_1}), the {@code with ctx:} form of 3.14, and the HAMT
 * tests.
 */
class CpythonContextTest {

    private static void isolated(Runnable body) {
        new Context().run(body);
    }

    @DisplayName("test_context.py::ContextTest::test_context_var_new_1")
    @Test
    void contextVarNew1() {
        assertThrows(NullPointerException.class, () -> new ContextVar<>(null));
        ContextVar<Object> c = new ContextVar<>("aaa");
        assertEquals("aaa", c.getName());
        assertNotSame(c, new ContextVar<>("aaa"), "a variable is a key by identity, not by name");
    }

    @DisplayName("test_context.py::ContextTest::test_context_var_repr_1")
    @Test
    void contextVarRepr1() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("a");
            assertTrue(c.toString().contains("a"), c.toString());
            c = new ContextVar<>("a", 123);
            assertTrue(c.toString().contains("123"), c.toString());
            Token<Integer> t = c.set(1);
            assertTrue(t.toString().contains(c.toString()), t.toString());
            assertFalse(t.toString().contains(" used "), t.toString());
            c.reset(t);
            assertTrue(t.toString().contains(" used "), t.toString());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_token_repr_1")
    @Test
    void tokenRepr1() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("a");
            Token<Integer> tok = c.set(1);
            assertEquals("<Token var=<ContextVar name='a'>>", tok.toString());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_get_context_1")
    @Test
    void contextGetContext1() {
        Context ctx = Context.copyCurrent();
        assertTrue(ctx instanceof Context);
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_2")
    @Test
    void contextRun2() {
        Context ctx = new Context();
        List<String> args = new ArrayList<>(List.of("x"));
        assertEquals(List.of("x", "bar"), ctx.run(() -> {
            args.add("bar");
            return args;
        }));
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_3")
    @Test
    void contextRun3() {
        Context ctx = new Context();
        assertThrows(
                ArithmeticException.class,
                () -> ctx.run(() -> {
                    int zero = 0;
                    return 1 / zero;
                }));
        // a checked exception comes out unchanged, not wrapped
        assertThrows(
                java.io.IOException.class,
                () -> ctx.run(() -> {
                    throw new java.io.IOException("x");
                }));
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_4")
    @Test
    void contextRun4() {
        isolated(() -> {
            Context ctx1 = new Context();
            Context ctx2 = new Context();
            ContextVar<String> var = new ContextVar<>("var");
            Context returned = ctx1.run(() -> {
                assertNull(var.get(null));
                var.set("spam");
                ctx2.run(() -> assertNull(var.get(null)));
                assertEquals("spam", var.get(null));
                Context cur = Context.copyCurrent();
                assertEquals(1, cur.size());
                assertEquals("spam", cur.get(var));
                return cur;
            });
            assertEquals(ctx1.vars(), returned.vars());
            assertEquals("spam", returned.get(var));
            assertTrue(returned.contains(var));
            assertEquals("spam", ctx1.get(var), "what the body set stays in the context it ran in");
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_5")
    @Test
    void contextRun5() {
        Context ctx = new Context();
        ContextVar<String> var = new ContextVar<>("var");
        assertThrows(
                ArithmeticException.class,
                () -> ctx.run(() -> {
                    assertNull(var.get(null));
                    var.set("spam");
                    int zero = 0;
                    return 1 / zero;
                }));
        assertNull(var.get(null));
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_6")
    @Test
    void contextRun6() {
        Context ctx = new Context();
        ContextVar<Integer> c = new ContextVar<>("a", 0);
        ctx.run(() -> {
            assertEquals(0, c.get());
            assertNull(ctx.get(c));
            c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, ctx.get(c));
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_run_7")
    @Test
    void contextRun7() {
        Context ctx = new Context();
        ctx.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> {}));
            assertTrue(e.getMessage().contains("is already entered"), e.getMessage());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_getset_1")
    @Test
    void contextGetset1() {
        isolated(() -> {
            ContextVar<Object> c = new ContextVar<>("c");
            assertThrows(NoSuchElementException.class, c::get);
            assertNull(c.get(null));

            Token<Object> t0 = c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, c.get(null));
            assertFalse(t0.hadValue(), "old_value is Token.MISSING");
            assertSame(c, t0.getVar());

            Token<Object> t = c.set("spam");
            assertEquals("spam", c.get());
            assertEquals("spam", c.get(null));
            assertEquals(42, t.getOldValue());
            c.reset(t);
            assertEquals(42, c.get());
            assertEquals(42, c.get(null));

            c.set("spam2");
            IllegalStateException used = assertThrows(IllegalStateException.class, () -> c.reset(t));
            assertTrue(used.getMessage().contains("has already been used"), used.getMessage());
            assertEquals("spam2", c.get());

            Context ctx1 = Context.copyCurrent();
            assertTrue(ctx1.contains(c));

            c.reset(t0);
            assertThrows(IllegalStateException.class, () -> c.reset(t0));
            assertNull(c.get(null));

            assertTrue(ctx1.contains(c));
            assertEquals("spam2", ctx1.get(c));
            assertEquals("spam2", ctx1.get(c, "aa"));
            assertEquals(1, ctx1.size());
            assertEquals(List.of(c), ctx1.vars());

            Context ctx2 = Context.copyCurrent();
            assertFalse(ctx2.contains(c));
            assertEquals("aa", ctx2.get(c, "aa"));
            assertEquals(0, ctx2.size());
            assertEquals(List.of(), ctx2.vars());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_getset_2")
    @Test
    void contextGetset2() {
        isolated(() -> {
            ContextVar<Integer> v1 = new ContextVar<>("v1");
            ContextVar<Integer> v2 = new ContextVar<>("v2");
            Token<Integer> t1 = v1.set(42);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v2.reset(t1));
            assertTrue(e.getMessage().contains("by a different"), e.getMessage());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_getset_3")
    @Test
    void contextGetset3() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("c", 42);
            Context ctx = new Context();
            ctx.run(() -> {
                assertEquals(42, c.get());
                assertNull(ctx.get(c));
                assertEquals(-1, ctx.get(c, -1));
                assertFalse(ctx.contains(c));
                assertEquals(List.of(), ctx.vars());

                Token<Integer> t = c.set(1);
                assertEquals(List.of(c), ctx.vars());
                assertEquals(1, ctx.get(c));

                c.reset(t);
                assertEquals(List.of(), ctx.vars());
                assertFalse(ctx.contains(c));
            });
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_getset_4")
    @Test
    void contextGetset4() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("c", 42);
            Context ctx = new Context();
            Token<Integer> tok = ctx.run(() -> c.set(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.reset(tok));
            assertTrue(e.getMessage().contains("different Context"), e.getMessage());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_getset_5")
    @Test
    void contextGetset5() {
        isolated(() -> {
            ContextVar<List<Integer>> c = new ContextVar<>("c", List.of());
            c.set(new ArrayList<>());
            Context.copyCurrent().run(() -> {
                c.set(new ArrayList<>());
                c.get().add(42);
                assertEquals(List.of(42), c.get());
            });
            assertEquals(List.of(), c.get());
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_copy_1")
    @Test
    void contextCopy1() {
        Context ctx1 = new Context();
        ContextVar<Integer> c = new ContextVar<>("c", 42);
        ctx1.run(() -> {
            c.set(10);
            Context ctx2 = ctx1.copy();
            assertEquals(10, ctx2.get(c));

            c.set(20);
            assertEquals(20, ctx1.get(c));
            assertEquals(10, ctx2.get(c));

            ctx2.run(() -> {
                assertEquals(10, c.get());
                c.set(30);
                assertEquals(30, c.get());
            });
            assertEquals(20, ctx1.get(c));
            assertEquals(30, ctx2.get(c));
        });
    }

    @DisplayName("test_context.py::ContextTest::test_context_threads_1")
    @Test
    void contextThreads1() throws Exception {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        ExecutorService tp = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int num = 0; num < 10; num++) {
                int n = num;
                results.add(tp.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        cvar.set(n + i);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
                        assertEquals(n + i, cvar.get());
                    }
                    return n;
                }));
            }
            List<Integer> values = new ArrayList<>();
            for (Future<Integer> f : results) {
                values.add(f.get());
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), values);
        } finally {
            tp.shutdown();
        }
    }

    // Not a CPython case: the token rule of test_context_getset_4 between two tasks, whose contexts are copies.
    @BothSchedulers
    void tokenFromAnotherTaskIsRefused(EventLoop.Scheduler scheduler) {
        VirtualLoops.run(scheduler, () -> {
            ContextVar<Integer> c = new ContextVar<>("c", 0);
            Token<Integer> tok = await(createTask(() -> c.set(1)));
            assertThrows(IllegalArgumentException.class, () -> c.reset(tok));
            assertEquals(0, c.get(), "the task's set stayed in the task");
        });
    }

    // Not a CPython case: contextvars semantics with try-with-resources tokens, in a task.
    @BothSchedulers
    void tokenClosesAsResource(EventLoop.Scheduler scheduler) {
        VirtualLoops.run(scheduler, () -> {
            ContextVar<String> c = new ContextVar<>("c", "outer");
            try (var _ = c.set("inner")) {
                await(sleep(1));
                assertEquals("inner", c.get());
                assertEquals("inner", await(createTask(() -> c.get())));
            }
            assertEquals("outer", c.get());
        });
    }
}
