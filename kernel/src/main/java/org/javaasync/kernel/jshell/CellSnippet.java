package org.javaasync.kernel.jshell;

/**
 * One snippet of a cell: its source as JShell will evaluate it and where that source starts in the cell. The source
 * is the cell's own text from {@code offset} on (JShell may add a closing {@code ;} at its end), so a position
 * {@code p} in the source is position {@code offset + p} in the cell.
 */
public record CellSnippet(String source, int offset) {}
