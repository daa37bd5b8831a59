package dev.fleet.app.architecture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries between the bounded contexts, checked on every production class on the app's classpath (the app
 * depends on every module, so this sees them all). {@link BoundaryRulesSelfTest} proves each rule can fail.
 */
class ModuleBoundariesTest {

    @Test
    void seesTheModulesItChecks() {
        assertThat(Modules.production().containPackage("dev.fleet.catalog.api")).isTrue();
        assertThat(Modules.production().containPackage("dev.fleet.platform.errors")).isTrue();
    }

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirApiPackages() {
        BoundaryRules.modulesUseOnlyEachOthersApi(Modules.ROOT, Modules.ALL).check(Modules.production());
    }

    @Test
    void modulesAreFreeOfCycles() {
        BoundaryRules.modulesAreFreeOfCycles(Modules.ROOT).check(Modules.production());
    }

    @Test
    void platformDependsOnNoModuleAndNotOnTheApp() {
        BoundaryRules.platformDependsOnNoModule(Modules.ROOT).check(Modules.production());
    }

    @Test
    void onlyTheAppUsesTheModulesWiringClasses() {
        BoundaryRules.onlyTheAppUsesWiringClasses(Modules.ROOT).check(Modules.production());
    }
}
