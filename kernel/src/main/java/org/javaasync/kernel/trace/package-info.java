/**
 * Stack traces as the user should read them, in one place: cell frames named as written and placed at their cell
 * and line, the await rewrite's glue and the runtime's machinery left out, for errors of a cell, failures of
 * background tasks, the loop's reports and traces that cell code prints itself.
 */
package org.javaasync.kernel.trace;
