/**
 * JShell's diagnostics and frames mapped back to the user's cells: compile errors at the cell's line and column with
 * a caret, and where each snippet, and each frame of snippet code, came from.
 */
package org.javaasync.kernel.jshell.errors;
