/**
 * The evaluator as the services see it: Java source in, outcomes out ({@link
 * org.javaasync.kernel.evaluator.Evaluator}); where a cell's code runs ({@link
 * org.javaasync.kernel.evaluator.SnippetRunner}); and the interrupt of one cell ({@link
 * org.javaasync.kernel.evaluator.CellInterrupt}). No JShell type appears here.
 */
package org.javaasync.kernel.evaluator;
