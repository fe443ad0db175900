/**
 * The display API that cells use ({@code display(...)}, {@code updateDisplay}, {@code clearOutput}, MIME bundles,
 * renderers, progress bars) and the pictures the kernel draws (the timeline of a cell's tasks).
 */
package org.javaasync.kernel.display;
