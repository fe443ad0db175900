package org.javaasync.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ConstantInstruction;
import java.util.List;
import org.javaasync.kernel.evaluator.CellExitError;
import org.junit.jupiter.api.Test;

/** The agent's rewrite of {@code java.lang.Runtime}, checked on the JDK's own class file; and the guard itself. */
class ExitGuardAgentTest {

    private static byte[] runtimeClassFile() throws Exception {
        try (InputStream in = Object.class.getModule().getResourceAsStream("java/lang/Runtime.class")) {
            return in.readAllBytes();
        }
    }

    private static String firstConstant(MethodModel method) {
        return method.code()
                .orElseThrow()
                .elementStream()
                .filter(e -> e instanceof ConstantInstruction)
                .map(e -> String.valueOf(((ConstantInstruction) e).constantValue()))
                .findFirst()
                .orElse("");
    }

    @Test
    void exitAndHaltFirstCallTheGuardAndTheClassStillVerifies() throws Exception {
        byte[] guarded = ExitGuardAgent.guarded(runtimeClassFile());
        assertEquals(List.of(), ClassFile.of().verify(guarded), "the rewritten class must verify");
        ClassModel model = ClassFile.of().parse(guarded);
        int rewritten = 0;
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if ((name.equals("exit") || name.equals("halt"))
                    && method.methodType().stringValue().equals("(I)V")) {
                assertEquals(ExitGuard.class.getName(), firstConstant(method), name);
                rewritten++;
            }
        }
        assertEquals(2, rewritten);
    }

    @Test
    void theGuardRefusesUntilTheKernelItselfEnds() {
        CellExitError refused = assertThrows(CellExitError.class, () -> ExitGuard.check(3, "exit"));
        assertTrue(refused.getMessage().startsWith("System.exit(3)"), refused.getMessage());
        assertEquals(3, refused.status());
        assertThrows(CellExitError.class, () -> ExitGuard.check(1, "halt"));
    }
}
