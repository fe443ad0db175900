package org.javaasync.runtime;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks of a loop that are not done, for {@code allTasks()} and for cancelling leftovers at the end of
 * {@code Asyncio.run}. An intrusive doubly linked list through two fields of {@link Task}: no node allocation per
 * task, O(1) removal. It also keeps pending tasks (and so their parked virtual threads) reachable, which asyncio's
 * weak set famously does not.
 */
final class LiveTasks {
    private Task<?> head;

    void add(Task<?> task) {
        task.nextLive = head;
        if (head != null) {
            head.previousLive = task;
        }
        head = task;
    }

    void remove(Task<?> task) {
        if (task.previousLive != null) {
            task.previousLive.nextLive = task.nextLive;
        } else if (head == task) {
            head = task.nextLive;
        }
        if (task.nextLive != null) {
            task.nextLive.previousLive = task.previousLive;
        }
        task.previousLive = null;
        task.nextLive = null;
    }

    Set<Task<?>> snapshot() {
        Set<Task<?>> tasks = new LinkedHashSet<>();
        for (Task<?> t = head; t != null; t = t.nextLive) {
            tasks.add(t);
        }
        return tasks;
    }
}
