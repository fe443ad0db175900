package org.javaasync.kernel.magic;

/**
 * One magic as the user wrote it: {@code %name args} (a line magic) or {@code %%name args} (a cell magic, which
 * owns the rest of the cell). {@code line} is the 0-based cell line it was written on.
 */
public record MagicCall(String name, String args, boolean cellMagic, int line) {}
