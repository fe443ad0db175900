package org.javaasync.runtime;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The reports an event loop makes when the garbage collector frees an object in a state that points at a bug: a
 * coroutine that was never awaited ("coroutine 'fetch' was never awaited"), a future or task whose exception nobody
 * retrieved ("Task exception was never retrieved"). Python makes them when the object is freed, which with reference
 * counting is the moment the last reference goes; in Java the collector decides when, so a tool that wants them at a
 * moment of its choosing (a kernel, at the end of a cell) asks for a collection and then calls
 * {@link #reportCollected()}, which makes the reports of every watched object the collector has freed, at once, on
 * the calling thread. Without that call they are made on the runtime's thread {@code javaasync-collection-reports}
 * soon after the collection. Either way, the reports of the objects one collection freed come oldest first (in the
 * order the objects failed or were created). An object that is still referenced is never reported, and each report
 * is made once.
 *
 * <p>Every report goes through the loop's {@linkplain EventLoop#callExceptionHandler exception handler} and runs in
 * the {@link Context} of the object concerned: for a task, the task's context; for another future, the context
 * current when its exception was set; for a coroutine, the context current when it was created. Keys, besides
 * {@code "message"}: a failure has {@code "exception"} and {@code "future"} (the future's description, a
 * {@code String}, since the future itself is gone), and for a task {@code "task_name"}; a coroutine has
 * {@code "coroutine"} (its description) and, in debug mode, {@code "source_traceback"} (where it was created, a
 * {@code StackTraceElement[]}, most recent call first).
 *
 * <p>Which objects are watched: futures and tasks that fail, always (the watch ends when the exception is retrieved:
 * {@code await}, {@link AsyncFuture#result()}, {@link AsyncFuture#exception()}, or a cancel); coroutines, in debug mode
 * or once {@link #watchUnawaitedCoroutines(boolean)} is on (the watch ends when the coroutine starts). Watching a
 * coroutine costs an allocation and two short locked sections, which is why it is off by default, as the other
 * debug-mode checks are; Python always warns.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class CollectionReports {
    /** Where the collector puts the watches of freed objects, for the reporting thread. */
    private static final ReferenceQueue<Object> FREED = new ReferenceQueue<>();

    /**
     * The instances with pending watches. A watch must stay strongly reachable for the collector to queue it, also
     * when nothing references its loop any more (the loop of a finished {@code Asyncio.run}): a loop with something
     * left to report stays alive until that is reported or settled, as asyncio's futures keep their loop.
     */
    private static final Set<CollectionReports> WATCHING = ConcurrentHashMap.newKeySet();

    /** Reports of coroutines created while no loop ran on their thread (debug mode by system property only). */
    static final CollectionReports OUTSIDE_LOOPS = new CollectionReports(null);

    static {
        Thread.ofPlatform().daemon().name("javaasync-collection-reports").start(CollectionReports::runReportingThread);
    }

    private final EventLoop loop;
    private final Object lock = new Object();
    /**
     * Held while reports are made, by {@link #reportCollected()} for all of its reports and by the reporting thread for
     * each of its own: so when {@code reportCollected()} returns, a report the reporting thread had claimed is made.
     */
    private final ReentrantLock reporting = new ReentrantLock();
    /** Pending watches, oldest first: a doubly-linked list through the watches, guarded by {@link #lock}. */
    private Watch first;

    private Watch last;
    private volatile boolean coroutinesWatched;

    CollectionReports(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Turns the "coroutine ... was never awaited" report on or off outside debug mode (debug mode always makes it, with
     * where the coroutine was created). Takes effect for coroutines created after the call; off by default.
     *
     * @param on whether coroutines created from now on are watched
     */
    public void watchUnawaitedCoroutines(boolean on) {
        coroutinesWatched = on;
        RunningLoops.watchesChanged();
    }

    /**
     * Returns whether coroutines are watched outside debug mode ({@link #watchUnawaitedCoroutines(boolean)}).
     *
     * @return {@code true} if they are
     */
    public boolean watchesUnawaitedCoroutines() {
        return coroutinesWatched;
    }

    /**
     * Counts the watched objects whose report is still due if they are freed: coroutines not started, failures not
     * retrieved, freed or not, that have not been reported yet. {@code belongsTo} selects them by the context they
     * would be reported in (a kernel asks for those of one cell: {@code c -> c.get(cellVar, null) == cell}).
     *
     * @param belongsTo which contexts count; it is given a fresh copy of each watched object's context
     * @return how many watched objects are pending in a context that {@code belongsTo} accepts
     */
    public int pending(Predicate<Context> belongsTo) {
        List<Watch> watches = snapshot();
        int count = 0;
        for (Watch watch : watches) {
            if (watch.isPending() && belongsTo.test(watch.context())) {
                count++;
            }
        }
        return count;
    }

    /**
     * Makes the report of every watched object that the garbage collector has freed and that was not reported yet,
     * oldest first, before returning: on the calling thread, except those the runtime's reporting thread had already
     * taken, whose reports this call waits for. Call it after a collection ({@link System#gc()}) to have the reports
     * of everything that collection freed before going on. Objects still referenced are not reported, and will be
     * when they are freed (if they are still unsettled then).
     */
    public void reportCollected() {
        reporting.lock();
        try {
            List<Watch> freed = new ArrayList<>();
            synchronized (lock) {
                for (Watch watch = first; watch != null; watch = watch.next) {
                    if (watch.refersTo(null) && watch.claim()) {
                        freed.add(watch);
                    }
                }
                freed.forEach(this::unlink);
            }
            freed.forEach(this::report);
        } finally {
            reporting.unlock();
        }
    }

    /** Watches a coroutine: reported if freed before it starts. */
    Watch watchCoroutine(
            Coroutine<?> coroutine,
            String name,
            Class<?> bodyClass,
            StackTraceElement[] createdAt,
            ContextBindings context) {
        return link(new CoroutineWatch(coroutine, this, context, name, bodyClass, createdAt));
    }

    /** Watches a failed future: {@code report} is made if it is freed before its exception is retrieved. */
    Watch watchFailure(AsyncFuture<?> future, Map<String, Object> report, ContextBindings context) {
        return link(new FailureWatch(future, this, context, report));
    }

    private Watch link(Watch watch) {
        synchronized (lock) {
            watch.previous = last;
            if (last == null) {
                first = watch;
                WATCHING.add(this);
            } else {
                last.next = watch;
            }
            last = watch;
        }
        return watch;
    }

    private void unlink(Watch watch) {
        if (watch.previous == null && first != watch) {
            return; // not linked (any more)
        }
        if (watch.previous == null) {
            first = watch.next;
        } else {
            watch.previous.next = watch.next;
        }
        if (watch.next == null) {
            last = watch.previous;
        } else {
            watch.next.previous = watch.previous;
        }
        if (first == null) {
            WATCHING.remove(this);
        }
        watch.previous = null;
        watch.next = null;
    }

    private List<Watch> snapshot() {
        List<Watch> watches = new ArrayList<>();
        synchronized (lock) {
            for (Watch watch = first; watch != null; watch = watch.next) {
                watches.add(watch);
            }
        }
        return watches;
    }

    private void report(Watch watch) {
        Map<String, Object> report = watch.report();
        if (loop != null) {
            loop.callExceptionHandler(report, watch.context());
        } else {
            EventLoop.DEFAULT_REPORTER.accept(EventLoop.describeReport(report));
        }
    }

    /** The reporting thread: reports what the collector freed, unless a caller of reportCollected() did already. */
    private static void runReportingThread() {
        while (true) {
            try {
                // One freed watch stands for the whole collection that freed it: report everything of its owner
                // that is freed, oldest first, so the order of reports is the order of the watches, never the order
                // the collector happened to queue them in. Watches claimed by that pass are skipped when dequeued.
                if (FREED.remove() instanceof Watch watch && watch.isPending()) {
                    watch.owner.reportCollected();
                }
            } catch (InterruptedException e) {
                // a daemon thread for the JVM's life: go on
            } catch (RuntimeException | Error e) {
                EventLoop.DEFAULT_REPORTER.accept("Exception while reporting a collected object\n" + StackTexts.of(e));
            }
        }
    }

    /**
     * One watched object. The watch never references the object itself (it would never be freed): only what its report
     * needs. Pending until {@linkplain #settle() settled} (the object was used as it should be) or claimed for its
     * report, whichever comes first; a settled watch is unlinked, so it is garbage and the collector never queues it.
     */
    abstract static class Watch extends PhantomReference<Object> {
        private static final int PENDING = 0;
        private static final int SETTLED = 1;
        private static final int REPORTED = 2;

        final CollectionReports owner;
        private final ContextBindings context;
        /** Written under the owner's lock; volatile for the lock-free queries. */
        private volatile int state;

        private Watch previous;
        private Watch next;

        Watch(Object watched, CollectionReports owner, ContextBindings context) {
            super(watched, FREED);
            this.owner = owner;
            this.context = context;
        }

        /** The object was used as it should be: no report, ever. Any thread. */
        final void settle() {
            synchronized (owner.lock) {
                if (state == PENDING) {
                    state = SETTLED;
                    owner.unlink(this);
                }
            }
        }

        final boolean isPending() {
            return state == PENDING;
        }

        final boolean isSettled() {
            return state == SETTLED;
        }

        /** Takes the watch for its report; false if it was settled or taken already. Under the owner's lock. */
        private boolean claim() {
            if (state != PENDING) {
                return false;
            }
            state = REPORTED;
            return true;
        }

        /** The context the report runs in: a fresh copy, so that a handler setting variables changes nothing else. */
        final Context context() {
            return context == null ? null : new Context(context, null);
        }

        abstract Map<String, Object> report();
    }

    /** A coroutine that may never run. */
    private static final class CoroutineWatch extends Watch {
        private final String name;
        private final Class<?> bodyClass;
        private final StackTraceElement[] createdAt;

        CoroutineWatch(
                Coroutine<?> coroutine,
                CollectionReports owner,
                ContextBindings context,
                String name,
                Class<?> bodyClass,
                StackTraceElement[] createdAt) {
            super(coroutine, owner, context);
            this.name = name;
            this.bodyClass = bodyClass;
            this.createdAt = createdAt;
        }

        @Override
        Map<String, Object> report() {
            String shown = name != null ? name : CoroutineNames.fromBodyClass(bodyClass);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("message", "coroutine '" + shown + "' was never awaited");
            report.put("coroutine", "<coroutine " + shown + ">");
            if (createdAt != null) {
                report.put("source_traceback", createdAt.clone());
            }
            return report;
        }
    }

    /** A failed future whose exception may never be retrieved. */
    private static final class FailureWatch extends Watch {
        private final Map<String, Object> report;

        FailureWatch(
                AsyncFuture<?> future, CollectionReports owner, ContextBindings context, Map<String, Object> report) {
            super(future, owner, context);
            this.report = report;
        }

        @Override
        Map<String, Object> report() {
            return report;
        }
    }
}
