package org.javaasync.kernel;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel's Java agent ({@code -javaagent:javaasync-kernel.jar}, which the installer writes into kernel.json):
 * rewrites {@code java.lang.Runtime} as the JVM starts so that {@code exit(int)} and {@code halt(int)} first call
 * {@link ExitGuard#check}. Since JDK 24 there is no SecurityManager to veto an exit, and rewriting only the cells'
 * own bytecode misses every indirect route (method references, reflection, method handles, libraries).
 *
 * <p>The prologue finds the guard by name through the system class loader and calls it reflectively: code of
 * {@code java.base} cannot link to a class of the class path. If the guard is not there (the agent used outside the
 * kernel), the exit goes ahead as usual.
 */
public final class ExitGuardAgent {

    private static final Logger LOG = Logger.getLogger(ExitGuardAgent.class.getName());
    private static final String RUNTIME = "java/lang/Runtime";

    private ExitGuardAgent() {}

    /** Installs the guard; the JVM calls this before {@code main}. */
    public static void premain(String args, Instrumentation instrumentation) {
        ClassFileTransformer transformer = new ClassFileTransformer() {
            @Override
            public byte[] transform(
                    Module module,
                    ClassLoader loader,
                    String className,
                    Class<?> redefined,
                    ProtectionDomain domain,
                    byte[] classfile) {
                if (!RUNTIME.equals(className)) {
                    return null;
                }
                try {
                    return guarded(classfile);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "could not guard Runtime.exit: cells can end the kernel", e);
                    return null;
                }
            }
        };
        instrumentation.addTransformer(transformer, true);
        try {
            instrumentation.retransformClasses(Runtime.class);
        } catch (UnmodifiableClassException | RuntimeException e) {
            LOG.log(Level.SEVERE, "could not guard Runtime.exit: cells can end the kernel", e);
        } finally {
            instrumentation.removeTransformer(transformer);
        }
    }

    /** {@code java.lang.Runtime} with the guard's call at the start of {@code exit(int)} and {@code halt(int)}. */
    static byte[] guarded(byte[] runtime) {
        ClassFile files = ClassFile.of();
        ClassTransform guardExits = (type, element) -> {
            if (element instanceof MethodModel method && isExitOrHalt(method)) {
                type.transformMethod(
                        method,
                        MethodTransform.transformingCode(
                                new Prologue(method.methodName().stringValue())));
            } else {
                type.with(element);
            }
        };
        return files.transformClass(files.parse(runtime), guardExits);
    }

    private static boolean isExitOrHalt(MethodModel method) {
        String name = method.methodName().stringValue();
        return (name.equals("exit") || name.equals("halt"))
                && method.methodType().stringValue().equals("(I)V");
    }

    /** Emits the call to the guard before the method's own code. */
    private static final class Prologue implements CodeTransform {
        private final String call;

        Prologue(String call) {
            this.call = call;
        }

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            builder.with(element);
        }

        @Override
        public void atStart(CodeBuilder builder) {
            emit(builder);
        }

        private void emit(CodeBuilder code) {
            ClassDesc classDesc = ConstantDescs.CD_Class;
            ClassDesc classLoader = ClassDesc.of("java.lang.ClassLoader");
            ClassDesc method = ClassDesc.of("java.lang.reflect.Method");
            ClassDesc invocationTarget = ClassDesc.of("java.lang.reflect.InvocationTargetException");
            ClassDesc reflective = ClassDesc.of("java.lang.ReflectiveOperationException");
            code.trying(
                    body -> {
                        body.ldc(ExitGuard.class.getName())
                                .iconst_1()
                                .invokestatic(classLoader, "getSystemClassLoader", MethodTypeDesc.of(classLoader))
                                .invokestatic(
                                        classDesc,
                                        "forName",
                                        MethodTypeDesc.of(
                                                classDesc,
                                                ConstantDescs.CD_String,
                                                ConstantDescs.CD_boolean,
                                                classLoader))
                                .ldc("check")
                                .iconst_2()
                                .anewarray(classDesc)
                                .dup()
                                .iconst_0()
                                .getstatic(ConstantDescs.CD_Integer, "TYPE", classDesc)
                                .aastore()
                                .dup()
                                .iconst_1()
                                .ldc(ConstantDescs.CD_String)
                                .aastore()
                                .invokevirtual(
                                        classDesc,
                                        "getMethod",
                                        MethodTypeDesc.of(method, ConstantDescs.CD_String, classDesc.arrayType()))
                                .aconst_null()
                                .iconst_2()
                                .anewarray(ConstantDescs.CD_Object)
                                .dup()
                                .iconst_0()
                                .iload(1)
                                .invokestatic(
                                        ConstantDescs.CD_Integer,
                                        "valueOf",
                                        MethodTypeDesc.of(ConstantDescs.CD_Integer, ConstantDescs.CD_int))
                                .aastore()
                                .dup()
                                .iconst_1()
                                .ldc(call)
                                .aastore()
                                .invokevirtual(
                                        method,
                                        "invoke",
                                        MethodTypeDesc.of(
                                                ConstantDescs.CD_Object,
                                                ConstantDescs.CD_Object,
                                                ConstantDescs.CD_Object.arrayType()))
                                .pop();
                    },
                    catches -> catches.catching(
                                    invocationTarget,
                                    handler -> handler.invokevirtual(
                                                    invocationTarget,
                                                    "getCause",
                                                    MethodTypeDesc.of(ConstantDescs.CD_Throwable))
                                            .athrow())
                            .catching(reflective, handler -> handler.pop()));
        }
    }
}
