package dev.fleet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every boundary rule, run against the deliberately violating classes in the fixtures package, must fail. */
class BoundaryRulesSelfTest {

    private static final String ROOT = "dev.fleet.app.architecture.fixtures";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as("rule should fail on the fixtures: " + rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }

    @Test
    void rule1FailsWhenAModuleUsesAnotherModulesInternals() {
        String report = violations(BoundaryRules.modulesUseOnlyEachOthersApi(ROOT, Modules.ALL));
        assertThat(report).contains("customers.internal.ReachesIntoCatalogInternals")
                .contains("reservations.internal.BuildsCatalogItself")
                .doesNotContain("PricingNeedsBilling") // api to api is fine
                .doesNotContain("PlatformKnowsCatalog"); // the platform is no module: rule 3's business
    }

    @Test
    void rule2FailsOnACycleBetweenModules() {
        String report = violations(BoundaryRules.modulesAreFreeOfCycles(ROOT));
        assertThat(report).contains("module pricing").contains("module billing")
                .doesNotContain("module platform").doesNotContain("module app");
    }

    @Test
    void rule3FailsWhenThePlatformDependsOnAModule() {
        String report = violations(BoundaryRules.platformDependsOnNoModule(ROOT));
        assertThat(report).contains("PlatformKnowsCatalog").contains("catalog.api.FixtureCar");
    }

    @Test
    void rule4FailsWhenAnythingButTheAppUsesAWiringClass() {
        String report = violations(BoundaryRules.onlyTheAppUsesWiringClasses(ROOT));
        assertThat(report).contains("BuildsCatalogItself")
                .doesNotContain("FixtureApplication") // the app may
                .doesNotContain("FixtureCatalogModule$Factory"); // nor does a wiring class's own nested class
    }
}
