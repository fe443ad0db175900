package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_futures.py}: {@code BaseFutureTests} and
 * {@code BaseFutureDoneCallbackTests}. {@code wrap_future} is {@link AsyncFuture#from}; the traceback logger is the
 * loop's exception handler, called when a future whose exception nobody retrieved is garbage collected. Left out:
 * generator protocol details ({@code __iter__}, {@code throw}), C/Python pairs, reference counts.
 */
class CpythonFuturesTest {

    private static EventLoop newLoop(EventLoop.Scheduler scheduler) {
        return TestLoops.virtualTime(scheduler);
    }

    /** Collects garbage a while, for reports made when a future is collected. */
    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(5);
        }
    }

    private static List<Map<String, Object>> handled(EventLoop loop) {
        List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        return reports;
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_initial_state")
    @BothSchedulers
    void initialState(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Object> f = loop.createFuture();
        assertFalse(f.isCancelled());
        assertFalse(f.isDone());
        f.cancel();
        assertTrue(f.isCancelled());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_constructor_without_loop")
    @BothSchedulers
    void constructorWithoutLoop(EventLoop.Scheduler scheduler) {
        var e = assertThrows(IllegalStateException.class, AsyncFuture::new);
        assertTrue(e.getMessage().contains("no event loop is running"), e.getMessage());
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_constructor_use_running_loop")
    @BothSchedulers
    void constructorUseRunningLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Object> f = loop.runUntilComplete(async(() -> new AsyncFuture<>()));
        assertSame(loop, f.getLoop());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_future_cancel_message_getter")
    @BothSchedulers
    void futureCancelMessage(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Object> f = loop.createFuture();
        f.cancel("my message");
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertEquals("my message", e.getMessage());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_cancel")
    @BothSchedulers
    void cancel(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Object> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertThrows(CancelledError.class, f::result);
        assertThrows(CancelledError.class, f::exception);
        assertThrows(InvalidStateError.class, () -> f.setResult(null));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_result")
    @BothSchedulers
    void result(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Integer> f = loop.createFuture();
        assertThrows(InvalidStateError.class, f::result);
        f.setResult(42);
        assertFalse(f.isCancelled());
        assertTrue(f.isDone());
        assertEquals(42, f.result());
        assertNull(f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult(null));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_exception")
    @BothSchedulers
    void exception(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        IllegalStateException exc = new IllegalStateException();
        AsyncFuture<Integer> f = loop.createFuture();
        assertThrows(InvalidStateError.class, f::exception);
        f.setException(exc);
        assertFalse(f.isCancelled());
        assertTrue(f.isDone());
        assertThrows(IllegalStateException.class, f::result);
        assertSame(exc, f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult(null));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_future_repr")
    @BothSchedulers
    void futureRepr(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Integer> pending = loop.createFuture();
        assertEquals("<AsyncFuture pending>", pending.toString());
        pending.cancel();
        AsyncFuture<Integer> cancelled = loop.createFuture();
        cancelled.cancel();
        assertEquals("<AsyncFuture cancelled>", cancelled.toString());
        AsyncFuture<Integer> withResult = loop.createFuture();
        withResult.setResult(4);
        assertEquals("<AsyncFuture finished result=4>", withResult.toString());
        assertEquals(4, withResult.result());
        IllegalStateException exc = new IllegalStateException();
        AsyncFuture<Integer> withException = loop.createFuture();
        withException.setException(exc);
        assertEquals("<AsyncFuture finished exception=java.lang.IllegalStateException>", withException.toString());
        assertSame(exc, withException.exception());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_abandoned")
    @BothSchedulers
    void tbLoggerAbandoned(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        loop.createFuture();
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_not_called_after_cancel")
    @BothSchedulers
    void tbLoggerNotCalledAfterCancel(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        AsyncFuture<Object> f = loop.createFuture();
        f.setException(new RuntimeException());
        f.cancel();
        f = null;
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_result_unretrieved")
    @BothSchedulers
    void tbLoggerResultUnretrieved(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        loop.<Integer>createFuture().setResult(42);
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_result_retrieved")
    @BothSchedulers
    void tbLoggerResultRetrieved(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        AsyncFuture<Integer> f = loop.createFuture();
        f.setResult(42);
        f.result();
        f = null;
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    private static void failAndForget(EventLoop loop) {
        loop.createFuture().setException(new IllegalStateException("boom"));
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_exception_unretrieved")
    @BothSchedulers
    void tbLoggerExceptionUnretrieved(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        failAndForget(loop);
        for (int i = 0; i < 200 && reports.isEmpty(); i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertEquals(1, reports.size());
        assertEquals("Future exception was never retrieved", reports.get(0).get("message"));
        assertEquals("boom", ((Throwable) reports.get(0).get("exception")).getMessage());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_exception_retrieved")
    @BothSchedulers
    void tbLoggerExceptionRetrieved(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        AsyncFuture<Object> f = loop.createFuture();
        f.setException(new IllegalStateException("boom"));
        f.exception();
        f = null;
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_tb_logger_exception_result_retrieved")
    @BothSchedulers
    void tbLoggerExceptionResultRetrieved(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        var reports = handled(loop);
        AsyncFuture<Object> f = loop.createFuture();
        f.setException(new IllegalStateException("boom"));
        assertThrows(IllegalStateException.class, f::result);
        f = null;
        collectGarbage();
        assertEquals(List.of(), reports);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_future_exception_never_retrieved")
    @BothSchedulers
    void futureExceptionNeverRetrievedGoesToTheDefaultHandler(EventLoop.Scheduler scheduler) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, lines::add);
        failAndForget(loop);
        for (int i = 0; i < 200 && lines.isEmpty(); i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertEquals(1, lines.size());
        assertTrue(
                lines.get(0).matches("(?s)^Future exception was never retrieved\nfuture: <AsyncFuture finished.*"),
                lines.get(0));
        assertTrue(lines.get(0).contains("boom"));
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_wrap_future")
    @BothSchedulers
    void wrapFuture(EventLoop.Scheduler scheduler) {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        CompletableFuture<String> f1 = CompletableFuture.supplyAsync(
                () -> "oi " + Thread.currentThread().getId(), ex);
        EventLoop loop = newLoop(scheduler);
        String res = loop.runUntilComplete(async(() -> await(AsyncFuture.from(f1))));
        assertTrue(res.startsWith("oi "));
        assertNotEquals("oi " + Thread.currentThread().getId(), res);
        ex.shutdown();
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_wrap_future_without_loop")
    @BothSchedulers
    void wrapFutureWithoutLoop(EventLoop.Scheduler scheduler) {
        var e = assertThrows(IllegalStateException.class, () -> AsyncFuture.from(new CompletableFuture<>()));
        assertTrue(e.getMessage().contains("no event loop is running"), e.getMessage());
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_wrap_future_use_running_loop")
    @BothSchedulers
    void wrapFutureUseRunningLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        CompletableFuture<String> f1 = CompletableFuture.completedFuture("oi");
        AsyncFuture<String> f2 = loop.runUntilComplete(async(() -> AsyncFuture.from(f1)));
        assertSame(loop, f2.getLoop());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_wrap_future_cancel")
    @BothSchedulers
    void wrapFutureCancel(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            CompletableFuture<Integer> f1 = new CompletableFuture<>();
            AsyncFuture<Integer> f2 = AsyncFuture.from(f1);
            f2.cancel();
            await(sleep(0));
            assertTrue(f1.isCancelled());
            assertTrue(f2.isCancelled());
        });
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_wrap_future_cancel2")
    @BothSchedulers
    void wrapFutureCancel2(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            CompletableFuture<Integer> f1 = new CompletableFuture<>();
            AsyncFuture<Integer> f2 = AsyncFuture.from(f1);
            f1.complete(42);
            f2.cancel();
            await(sleep(0));
            assertFalse(f1.isCancelled());
            assertEquals(42, f1.join());
            assertTrue(f2.isCancelled());
        });
    }

    @DisplayName("test_futures.py::BaseFutureTests::test_future_cancelled_result_refcycles")
    @BothSchedulers
    void futureCancelledResultGivesAFreshError(EventLoop.Scheduler scheduler) {
        // Each retrieval of a plain cancelled future's result makes its own CancelledError with the message.
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Object> f = loop.createFuture();
        f.cancel("why");
        CancelledError first = assertThrows(CancelledError.class, f::result);
        CancelledError second = assertThrows(CancelledError.class, f::exception);
        assertEquals("why", first.getMessage());
        assertEquals("why", second.getMessage());
        loop.close();
    }

    /** BaseFutureDoneCallbackTests._make_callback: appends {@code thing} to {@code bag}. */
    private static Consumer<AsyncFuture<String>> bagAppender(List<Integer> bag, int thing) {
        return f -> bag.add(thing);
    }

    private static void runBriefly(EventLoop loop) {
        loop.runUntilComplete(async(() -> {}));
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_remove_first_callback")
    @BothSchedulers
    void callbacksRemoveFirstCallback(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        var cb1 = bagAppender(bag, 42);
        var cb2 = bagAppender(bag, 17);
        var cb3 = bagAppender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb1);
        f.removeDoneCallback(cb1);
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(17, 100), bag);
        assertEquals("foo", f.result());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_remove_first_and_second_callback")
    @BothSchedulers
    void callbacksRemoveFirstAndSecondCallback(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        var cb1 = bagAppender(bag, 42);
        var cb2 = bagAppender(bag, 17);
        var cb3 = bagAppender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb1);
        f.removeDoneCallback(cb2);
        f.removeDoneCallback(cb1);
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(100), bag);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_remove_third_callback")
    @BothSchedulers
    void callbacksRemoveThirdCallback(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        var cb1 = bagAppender(bag, 42);
        var cb2 = bagAppender(bag, 17);
        var cb3 = bagAppender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb3);
        f.removeDoneCallback(cb3);
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(42, 17), bag);
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_invoked_on_set_result")
    @BothSchedulers
    void callbacksInvokedOnSetResult(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        f.addDoneCallback(bagAppender(bag, 42));
        f.addDoneCallback(bagAppender(bag, 17));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(42, 17), bag);
        assertEquals("foo", f.result());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_callbacks_invoked_on_set_exception")
    @BothSchedulers
    void callbacksInvokedOnSetException(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        f.addDoneCallback(bagAppender(bag, 100));
        assertEquals(List.of(), bag);
        IllegalStateException exc = new IllegalStateException();
        f.setException(exc);
        runBriefly(loop);
        assertEquals(List.of(100), bag);
        assertSame(exc, f.exception());
        loop.close();
    }

    @DisplayName("test_futures.py::BaseFutureDoneCallbackTests::test_remove_done_callback")
    @BothSchedulers
    void removeDoneCallback(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        var cb1 = bagAppender(bag, 1);
        var cb2 = bagAppender(bag, 2);
        var cb3 = bagAppender(bag, 3);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        assertEquals(1, f.removeDoneCallback(cb2));
        assertEquals(0, f.removeDoneCallback(cb3));
        f.addDoneCallback(cb2);
        for (int i = 0; i < 5; i++) {
            f.addDoneCallback(cb1);
        }
        assertEquals(6, f.removeDoneCallback(cb1));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(2), bag);
        assertEquals("foo", f.result());
        loop.close();
    }

    @BothSchedulers
    void removeDoneCallbacksListMutation(EventLoop.Scheduler scheduler) {
        // Not a CPython case: a callback added to a done future is scheduled at once; removing it does nothing.
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        f.setResult("done");
        var cb = bagAppender(bag, 7);
        f.addDoneCallback(cb);
        assertEquals(0, f.removeDoneCallback(cb));
        runBriefly(loop);
        assertEquals(List.of(7), bag);
        loop.close();
    }

    @BothSchedulers
    void aCallbackThatRemovesAnotherDoesNotUnscheduleIt(EventLoop.Scheduler scheduler) {
        // Not a CPython case: once the future is done every callback is scheduled; removing one changes nothing.
        EventLoop loop = newLoop(scheduler);
        List<Integer> bag = new ArrayList<>();
        AsyncFuture<String> f = loop.createFuture();
        var second = bagAppender(bag, 2);
        f.addDoneCallback(x -> {
            bag.add(1);
            x.removeDoneCallback(second);
        });
        f.addDoneCallback(second);
        f.setResult("x");
        runBriefly(loop);
        assertEquals(List.of(1, 2), bag);
        loop.close();
    }

    @BothSchedulers
    void doneCallbackRunsInTheContextGiven(EventLoop.Scheduler scheduler) {
        // Not a CPython case by itself: add_done_callback(fn, context=ctx) and the default context copy.
        ContextVar<String> var = new ContextVar<>("var", "outside");
        TestLoops.run(scheduler, () -> {
            Context ctx = Context.copyCurrent();
            ctx.run(() -> var.set("in ctx"));
            List<String> seen = new ArrayList<>();
            AsyncFuture<Void> f = getRunningLoop().createFuture();
            f.addDoneCallback(x -> seen.add(var.get()), ctx);
            f.addDoneCallback(x -> seen.add(var.get()));
            f.setResult(null);
            await(sleep(0));
            assertEquals(List.of("in ctx", "outside"), seen);
        });
    }

    // Not a CPython case: an exception object may be a result like any other value.
    @BothSchedulers
    void anExceptionMayBeAResult(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<RuntimeException> f = loop.createFuture();
        IllegalStateException value = new IllegalStateException("a value");
        f.setResult(value);
        assertSame(value, f.result());
        assertNull(f.exception());
        assertInstanceOf(IllegalStateException.class, f.result());
        loop.close();
    }
}
