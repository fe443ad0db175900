package org.javaasync.kernel.jshell;

import jdk.jshell.JShell;
import org.javaasync.kernel.jshell.errors.SnippetOrigins;

/**
 * The parts of one JShell session that every cell's evaluation works with ({@link CellEvaluation}); they live as long
 * as the evaluator.
 */
record Session(
        JShell jshell,
        KernelExecutionControl control,
        VariableValues variables,
        SnippetClassFiles classFiles,
        SnippetOrigins origins,
        SnippetFailures failures,
        CompilerReset compiler) {}
