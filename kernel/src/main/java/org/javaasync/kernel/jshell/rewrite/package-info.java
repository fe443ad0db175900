/**
 * The await extension: {@code await expr} and {@code async} methods rewritten to plain Java, line for line, with
 * a map from every position of the rewritten text back to the cell as the user typed it; and the scopes a cell
 * opens with try-with-resources where the exact form is asyncio's ({@code ScopeForms}), read from the cell as typed.
 */
package org.javaasync.kernel.jshell.rewrite;
