package org.javaasync.runtime;

/** A scheduler and a task factory: CPython runs its task-group and task tests with lazy and with eager tasks. */
enum LoopKind {
    VIRTUAL_THREADS(EventLoop.Scheduler.VIRTUAL_THREADS, false),
    PORTABLE(EventLoop.Scheduler.PORTABLE, false),
    VIRTUAL_THREADS_EAGER(EventLoop.Scheduler.VIRTUAL_THREADS, true),
    PORTABLE_EAGER(EventLoop.Scheduler.PORTABLE, true);

    final EventLoop.Scheduler scheduler;
    final boolean eager;

    LoopKind(EventLoop.Scheduler scheduler, boolean eager) {
        this.scheduler = scheduler;
        this.eager = eager;
    }

    EventLoop newLoop() {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        if (eager) {
            loop.setTaskFactory(Asyncio.eagerTaskFactory());
        }
        return loop;
    }

    <T> T run(AsyncSupplier<T> body) {
        return Asyncio.run(Asyncio.async("main", body), newLoop());
    }

    void run(AsyncRunnable body) {
        Asyncio.run(Asyncio.async("main", body), newLoop());
    }
}
