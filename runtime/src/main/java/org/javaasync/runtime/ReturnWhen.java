package org.javaasync.runtime;

/** When {@link Asyncio#wait(java.util.Collection, ReturnWhen)} returns (asyncio's {@code return_when}). */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future fails with an exception; if none fails, when all are done. */
    FIRST_EXCEPTION,
    /** When all futures are done or cancelled. */
    ALL_COMPLETED
}
