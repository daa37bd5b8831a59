package dev.fleet.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries as ArchUnit rules, parameterised by the root package so the self-test can run the very
 * same rules against deliberately violating fixture classes. Each rule allows an empty "should": a module that
 * has not landed yet contributes no classes, which is not a failure.
 */
final class BoundaryRules {

    private BoundaryRules() {
    }

    /** (1) A module reaches another module only through its {@code api} package, and never into the app. */
    static ArchRule modulesUseOnlyEachOthersApi(String root, List<String> modules) {
        DescribedPredicate<JavaClass> inAModule = DescribedPredicate.describe("belong to a module",
                javaClass -> Modules.moduleOf(root, modules, javaClass).isPresent());
        ArchCondition<JavaClass> onlyApis = new ArchCondition<>("depend on other modules only through their api package, and not on the app") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = Modules.moduleOf(root, modules, origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    boolean intoApp = Modules.inPackage(target, root + ".app");
                    boolean intoOtherInternals = Modules.moduleOf(root, modules, target)
                            .filter(other -> !other.equals(own))
                            .filter(other -> !Modules.inPackage(target, root + "." + other + ".api"))
                            .isPresent();
                    if (intoApp || intoOtherInternals) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
        return classes().that(inAModule).should(onlyApis).allowEmptyShould(true);
    }

    /** (2) The modules (every first-level package except the app and the platform) depend on each other without cycles. */
    static ArchRule modulesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("module $1")
                .should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(root + ".app.."), DescribedPredicate.alwaysTrue())
                .ignoreDependency(resideInAPackage(root + ".platform.."), DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(root + ".app.."))
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(root + ".platform.."))
                .allowEmptyShould(true);
    }

    /** (3) The platform is the chassis under every module: it knows no module and not the app. */
    static ArchRule platformDependsOnNoModule(String root) {
        return noClasses().that().resideInAPackage(root + ".platform..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(DescribedPredicate.not(resideInAPackage(root + ".platform..")))
                        .as("are outside the platform (a module or the app)"))
                .allowEmptyShould(true);
    }

    /**
     * (4) Only the apps — the monolith ({@code <root>.app}) and the extracted services ({@code <root>.services},
     * on this classpath for the remote-mode tests) — construct or call the modules' wiring classes
     * ({@code <root>.<module>.*Module}).
     */
    static ArchRule onlyTheAppUsesWiringClasses(String root) {
        DescribedPredicate<JavaClass> wiring = DescribedPredicate.describe("are module wiring classes (" + root + ".*.*Module)",
                javaClass -> isWiringClass(root, javaClass));
        DescribedPredicate<JavaClass> partOfWiring = DescribedPredicate.describe("are (nested in) a wiring class",
                javaClass -> isWiringClass(root, topLevel(javaClass)));
        return noClasses().that().resideOutsideOfPackages(root + ".app..", root + ".services..").and(DescribedPredicate.not(partOfWiring))
                .should().dependOnClassesThat(wiring)
                .allowEmptyShould(true);
    }

    private static boolean isWiringClass(String root, JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        return packageName.startsWith(root + ".")
                && packageName.indexOf('.', root.length() + 1) < 0
                && javaClass.isTopLevelClass()
                && javaClass.getSimpleName().endsWith("Module");
    }

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
