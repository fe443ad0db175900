package org.javaasync.kernel.jshell;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.javaasync.kernel.evaluator.CellInterrupts;

/**
 * Rewrites the bytecode of snippet classes as they are defined (JDK 25's {@code java.lang.classfile}):
 * <ul>
 *   <li>a call to {@link CellInterrupts#check()} at every method entry and before every backward branch (the
 *       back-edge of every loop), so that {@code while (true) {}} stops when the cell is interrupted, without any
 *       JDK call in the loop to interrupt;</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} calls replaced by calls that throw
 *       {@link CellExitError}, so a cell cannot end the kernel (the kernel's agent catches the other routes);</li>
 *   <li>calls that hand work to another thread (threads, executors, {@code CompletableFuture}'s async methods)
 *       rewritten so that the work runs bound to the cell ({@link CellThreadCalls}): its output lands there.</li>
 * </ul>
 * The check is a static call with no operands, so the operand stack and locals are untouched; the JIT inlines it to
 * one volatile read. Stack maps are recomputed by the ClassFile API, which needs the hierarchy of the classes the
 * code mentions: {@code hierarchySource} supplies the bytes of snippet classes, the class loader the rest.
 */
final class SnippetInstrumenter {

    private static final ClassDesc CHECKS = ClassDesc.of(CellInterrupts.class.getName());
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(ConstantDescs.CD_void);
    private static final MethodTypeDesc INT_TO_VOID = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    private static final MethodTypeDesc RUNTIME_INT_TO_VOID =
            MethodTypeDesc.of(ConstantDescs.CD_void, RUNTIME, ConstantDescs.CD_int);

    private final ClassFile classFile;

    /**
     * @param hierarchySource bytes of a class by binary name ({@code a.b.C$D}), or {@code null} when unknown
     * @param loader          the loader that resolves every other class the snippet mentions
     */
    SnippetInstrumenter(Function<String, byte[]> hierarchySource, ClassLoader loader) {
        ClassHierarchyResolver snippets = ClassHierarchyResolver.ofResourceParsing(desc -> {
            byte[] bytes = hierarchySource.apply(binaryName(desc));
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        ClassHierarchyResolver resolver = snippets.orElse(ClassHierarchyResolver.defaultResolver())
                .orElse(ClassHierarchyResolver.ofResourceParsing(loader));
        this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
    }

    /** The instrumented class file. Throws {@link IllegalArgumentException} when the class cannot be rewritten. */
    byte[] instrument(byte[] bytes) {
        return classFile.transformClass(
                classFile.parse(bytes),
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(ChecksTransform::new)));
    }

    private static String binaryName(ClassDesc desc) {
        String descriptor = desc.descriptorString();
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }

    /** One method body: remembers the labels already bound, so that a branch to one of them is a back-edge. */
    private static final class ChecksTransform implements CodeTransform {

        private final Set<Label> bound = new HashSet<>();
        private boolean entryChecked;

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            if (!entryChecked) {
                // The entry check goes after the method's first line number, so that a frame stopped in it (a
                // StackOverflowError in deep recursion, an interrupt) has a line: the method's first.
                if (element instanceof LineNumber) {
                    builder.with(element);
                    builder.invokestatic(CHECKS, "check", VOID);
                    entryChecked = true;
                    return;
                }
                if (element instanceof Instruction) {
                    builder.invokestatic(CHECKS, "check", VOID);
                    entryChecked = true;
                }
            }
            switch (element) {
                case LabelTarget target -> {
                    bound.add(target.label());
                    builder.with(element);
                }
                case BranchInstruction branch -> {
                    if (bound.contains(branch.target())) {
                        builder.invokestatic(CHECKS, "check", VOID);
                    }
                    builder.with(element);
                }
                case TableSwitchInstruction table -> {
                    checkIfBackward(builder, table.defaultTarget(), table.cases());
                    builder.with(element);
                }
                case LookupSwitchInstruction lookup -> {
                    checkIfBackward(builder, lookup.defaultTarget(), lookup.cases());
                    builder.with(element);
                }
                case InvokeInstruction invoke when isExit(invoke) -> replaceExit(builder, invoke);
                case InvokeInstruction invoke -> {
                    if (!CellThreadCalls.rewrite(builder, invoke)) {
                        builder.with(element);
                    }
                }
                default -> builder.with(element);
            }
        }

        private void checkIfBackward(CodeBuilder builder, Label defaultTarget, List<SwitchCase> cases) {
            boolean backward =
                    bound.contains(defaultTarget) || cases.stream().anyMatch(c -> bound.contains(c.target()));
            if (backward) {
                builder.invokestatic(CHECKS, "check", VOID);
            }
        }

        private static boolean isExit(InvokeInstruction invoke) {
            ClassDesc owner = invoke.owner().asSymbol();
            String name = invoke.name().stringValue();
            MethodTypeDesc type = invoke.typeSymbol();
            if (!type.equals(INT_TO_VOID)) {
                return false;
            }
            return (owner.equals(SYSTEM) && name.equals("exit"))
                    || (owner.equals(RUNTIME) && (name.equals("exit") || name.equals("halt")));
        }

        private static void replaceExit(CodeBuilder builder, InvokeInstruction invoke) {
            String name = invoke.name().stringValue();
            if (invoke.owner().asSymbol().equals(SYSTEM)) {
                builder.invokestatic(CHECKS, "systemExit", INT_TO_VOID);
            } else {
                // The Runtime receiver is already on the stack below the status: a static call taking both fits.
                builder.invokestatic(CHECKS, name.equals("exit") ? "runtimeExit" : "runtimeHalt", RUNTIME_INT_TO_VOID);
            }
        }
    }
}
