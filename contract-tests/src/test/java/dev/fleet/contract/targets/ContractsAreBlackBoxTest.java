package dev.fleet.contract.targets;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The contracts (package dev.fleet.contract) know Fleet only by its HTTP API: no app, module or platform class,
 * no Dropwizard or Jersey. Only the targets (this package) know how the apps are built and started.
 */
class ContractsAreBlackBoxTest {

    @Test
    void contractsDependOnlyOnTheJdkJUnitAssertJAndJackson() {
        JavaClasses contracts = new ClassFileImporter().importPackages("dev.fleet.contract");
        classes().that().resideInAPackage("dev.fleet.contract")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.fleet.contract", "org.junit..",
                        "org.assertj..", "com.fasterxml.jackson..", "org.opentest4j..", "org.apiguardian..")
                .check(contracts);
    }
}
