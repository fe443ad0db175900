package org.javaasync.kernel.jshell;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;
import org.javaasync.kernel.evaluator.CellThreads;

/**
 * The calls in cell code that hand work to another thread, and how {@link SnippetInstrumenter} rewrites them so that
 * the work runs bound to the cell ({@link CellThreads}): where the work is the call's last argument, a call to
 * {@code CellThreads.wrap} is inserted just before it, which replaces the argument on the stack by its bound form;
 * where it is not, the call itself is replaced by a static method of {@link CellThreads} with the same operands.
 */
final class CellThreadCalls {

    private static final ClassDesc THREADS = ClassDesc.of(CellThreads.class.getName());
    private static final ClassDesc RUNNABLE = ClassDesc.of("java.lang.Runnable");
    private static final ClassDesc CALLABLE = ClassDesc.of("java.util.concurrent.Callable");
    private static final ClassDesc SUPPLIER = ClassDesc.of("java.util.function.Supplier");
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc EXECUTOR = ClassDesc.of("java.util.concurrent.Executor");
    private static final ClassDesc EXECUTOR_SERVICE = ClassDesc.of("java.util.concurrent.ExecutorService");
    private static final ClassDesc SCHEDULED = ClassDesc.of("java.util.concurrent.ScheduledExecutorService");
    private static final ClassDesc COMPLETABLE = ClassDesc.of("java.util.concurrent.CompletableFuture");
    private static final ClassDesc TIME_UNIT = ClassDesc.of("java.util.concurrent.TimeUnit");

    /** JDK types whose {@code submit(Runnable, T)} and {@code schedule(...)} take the static replacements' receiver. */
    private static final Set<String> EXECUTOR_SERVICES = Set.of(
            "java.util.concurrent.ExecutorService",
            "java.util.concurrent.AbstractExecutorService",
            "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ForkJoinPool");

    private static final Set<String> SCHEDULERS =
            Set.of("java.util.concurrent.ScheduledExecutorService", "java.util.concurrent.ScheduledThreadPoolExecutor");

    private static final Set<String> THREAD_BUILDERS = Set.of(
            "java.lang.Thread$Builder", "java.lang.Thread$Builder$OfPlatform", "java.lang.Thread$Builder$OfVirtual");

    private CellThreadCalls() {}

    /** Emits {@code invoke} rewritten if it hands work to another thread; returns whether it did. */
    static boolean rewrite(CodeBuilder code, InvokeInstruction invoke) {
        String owner = binaryName(invoke.owner().asSymbol());
        String name = invoke.name().stringValue();
        MethodTypeDesc type = invoke.typeSymbol();
        ClassDesc last = type.parameterCount() == 0 ? null : type.parameterType(type.parameterCount() - 1);
        if (wrapsLast(owner, name, type, last)) {
            code.invokestatic(THREADS, "wrap", MethodTypeDesc.of(last, last));
            code.with(invoke);
            return true;
        }
        MethodTypeDesc replacement = replacement(owner, name, type);
        if (replacement != null) {
            code.invokestatic(THREADS, name.equals("start") ? "start" : name, replacement);
            return true;
        }
        return false;
    }

    private static boolean wrapsLast(String owner, String name, MethodTypeDesc type, ClassDesc last) {
        if (last == null || !(last.equals(RUNNABLE) || last.equals(CALLABLE) || last.equals(SUPPLIER))) {
            return false;
        }
        int params = type.parameterCount();
        return switch (name) {
            // Any executor, the JDK's or a library's: the work keeps its type, so any owner is safe.
            case "execute" -> params == 1 && type.returnType().equals(ConstantDescs.CD_void);
            case "submit" -> params == 1;
            case "runAsync", "supplyAsync" -> params == 1 && owner.equals("java.util.concurrent.CompletableFuture");
            case "start", "unstarted" -> params == 1 && THREAD_BUILDERS.contains(owner);
            case "startVirtualThread" -> owner.equals("java.lang.Thread");
            case "<init>" ->
                owner.equals("java.lang.Thread")
                        && (params == 1
                                || params == 2 && type.parameterType(0).equals(ClassDesc.of("java.lang.ThreadGroup")));
            default -> false;
        };
    }

    /** The static replacement's type for a call whose work is not its last argument, or {@code null}. */
    private static MethodTypeDesc replacement(String owner, String name, MethodTypeDesc type) {
        switch (name) {
            case "start" -> {
                if (owner.equals("java.lang.Thread") && type.parameterCount() == 0) {
                    return MethodTypeDesc.of(ConstantDescs.CD_void, THREAD);
                }
            }
            case "runAsync" -> {
                if (owner.equals("java.util.concurrent.CompletableFuture") && type.parameterCount() == 2) {
                    return MethodTypeDesc.of(COMPLETABLE, RUNNABLE, EXECUTOR);
                }
            }
            case "supplyAsync" -> {
                if (owner.equals("java.util.concurrent.CompletableFuture") && type.parameterCount() == 2) {
                    return MethodTypeDesc.of(COMPLETABLE, SUPPLIER, EXECUTOR);
                }
            }
            case "submit" -> {
                if (EXECUTOR_SERVICES.contains(owner) && type.parameterCount() == 2) {
                    return MethodTypeDesc.of(
                            ClassDesc.of("java.util.concurrent.Future"),
                            EXECUTOR_SERVICE,
                            RUNNABLE,
                            ConstantDescs.CD_Object);
                }
            }
            case "schedule" -> {
                if (SCHEDULERS.contains(owner) && type.parameterCount() == 3) {
                    return MethodTypeDesc.of(
                            ClassDesc.of("java.util.concurrent.ScheduledFuture"),
                            SCHEDULED,
                            type.parameterType(0),
                            ConstantDescs.CD_long,
                            TIME_UNIT);
                }
            }
            case "scheduleAtFixedRate", "scheduleWithFixedDelay" -> {
                if (SCHEDULERS.contains(owner) && type.parameterCount() == 4) {
                    return MethodTypeDesc.of(
                            ClassDesc.of("java.util.concurrent.ScheduledFuture"),
                            SCHEDULED,
                            RUNNABLE,
                            ConstantDescs.CD_long,
                            ConstantDescs.CD_long,
                            TIME_UNIT);
                }
            }
            default -> {}
        }
        return null;
    }

    private static String binaryName(ClassDesc desc) {
        String descriptor = desc.descriptorString();
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }
}
