package org.javaasync.kernel;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The kernel's layers, enforced: every import runs down, never back up. From the top: the process (the root
 * package, which alone assembles the parts), the protocol layer (framing and JSON), the services and the magics,
 * then the engines (the JShell evaluator, the kernel's loop, the cells' output plumbing), then the foundations
 * they share (the evaluator's API, the typed frontend, trace formatting, the display API).
 */
@AnalyzeClasses(packages = "org.javaasync.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule importsRunDownTheLayers = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("org.javaasync.kernel..")
            .layer("Process")
            .definedBy("org.javaasync.kernel")
            .layer("Protocol")
            .definedBy("org.javaasync.kernel.protocol..")
            .layer("Services")
            .definedBy("org.javaasync.kernel.service..")
            .layer("Magics")
            .definedBy("org.javaasync.kernel.magic..")
            .layer("Output")
            .definedBy("org.javaasync.kernel.output..")
            .layer("Evaluator")
            .definedBy("org.javaasync.kernel.jshell..")
            .layer("Loop")
            .definedBy("org.javaasync.kernel.loop..")
            .layer("Foundations")
            .definedBy(
                    "org.javaasync.kernel.evaluator..",
                    "org.javaasync.kernel.frontend..",
                    "org.javaasync.kernel.trace..",
                    "org.javaasync.kernel.display..")
            .whereLayer("Process")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Protocol")
            .mayOnlyBeAccessedByLayers("Process")
            .whereLayer("Services")
            .mayOnlyBeAccessedByLayers("Process", "Protocol")
            .whereLayer("Magics")
            .mayOnlyBeAccessedByLayers("Process", "Services")
            .whereLayer("Output")
            .mayOnlyBeAccessedByLayers("Process", "Services", "Magics")
            .whereLayer("Evaluator")
            .mayOnlyBeAccessedByLayers("Process", "Services", "Magics")
            .whereLayer("Loop")
            .mayOnlyBeAccessedByLayers("Process", "Services", "Magics", "Output", "Evaluator")
            .whereLayer("Foundations")
            .mayOnlyBeAccessedByLayers(
                    "Process", "Protocol", "Services", "Magics", "Output", "Evaluator", "Loop", "Foundations");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("org.javaasync.kernel.(**)").should().beFreeOfCycles();
}
