package org.javaasync.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime reads like CPython's asyncio: the loop, futures, tasks, coroutines and scopes form the core, and the
 * facade ({@link Asyncio}, asyncio's module-level functions) sits on top of it, as {@code base_events.py} creates
 * tasks itself and never through the {@code asyncio} package. Conveniences built for users on top of the facade (the
 * async iterator and resource helpers, and the {@code sync} primitives) may use it.
 */
@AnalyzeClasses(packages = "org.javaasync.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theCoreNeverCallsTheFacade = noClasses()
            .that()
            .resideInAPackage("org.javaasync.runtime")
            .and()
            .doNotHaveSimpleName("Asyncio")
            .and()
            .doNotHaveSimpleName("AsyncIterator")
            .and()
            .doNotHaveSimpleName("AwaitingIterator")
            .and()
            .doNotHaveSimpleName("AsyncResource")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName(Asyncio.class.getName());

    @ArchTest
    static final ArchRule theCoreDoesNotDependOnThePrimitives = noClasses()
            .that()
            .resideInAPackage("org.javaasync.runtime")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.javaasync.runtime.sync..");
}
