/**
 * The kernel process ({@link org.javaasync.kernel.Main}: the connection file, the sockets, shutdown) and the one
 * place that assembles the kernel's parts ({@link org.javaasync.kernel.Kernel}). Layers below, top down:
 * {@code protocol} → {@code service} and {@code magic} → {@code jshell}, {@code output}, {@code loop} →
 * {@code evaluator}, {@code frontend}, {@code trace}, {@code display}; no import runs back up (ArchitectureTest).
 */
package org.javaasync.kernel;
