/**
 * Where what cells write goes: the routing of {@code System.out}, {@code System.err}, {@code System.in} and
 * {@code display(...)} to the cell that wrote it, and each cell's output for its whole life, including the display it
 * leaves for tasks that outlive it ({@link org.javaasync.kernel.output.CellOutput}).
 */
package org.javaasync.kernel.output;
