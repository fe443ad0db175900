/**
 * The evaluator's engine: JShell in the kernel's JVM, with an execution control that defines snippet classes
 * (instrumented for interrupts and {@code System.exit}) and runs them through a snippet runner; the session's
 * class path, default imports, warm-up, completion and documentation. The await rewrite and the mapping of errors
 * back to the user's cells live in the sub-packages {@code rewrite} and {@code errors}.
 */
package org.javaasync.kernel.jshell;
