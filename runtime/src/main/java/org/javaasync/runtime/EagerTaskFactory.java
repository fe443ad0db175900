package org.javaasync.runtime;

/** asyncio's {@code eager_task_factory}: every task starts eagerly (see {@link Task#create}). */
final class EagerTaskFactory implements TaskFactory {
    static final EagerTaskFactory INSTANCE = new EagerTaskFactory();

    private EagerTaskFactory() {}

    @Override
    public <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name, Context context) {
        return new Task<>(loop, coro, name, context, true);
    }

    @Override
    public String toString() {
        return "eagerTaskFactory";
    }
}
