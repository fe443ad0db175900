/**
 * The await extension: {@code await expr} and {@code async} methods rewritten to plain Java, line for line, with
 * a map from every position of the rewritten text back to the cell as the user typed it.
 */
package org.javaasync.kernel.jshell.rewrite;
