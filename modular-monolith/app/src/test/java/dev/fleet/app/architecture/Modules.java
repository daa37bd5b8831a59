package dev.fleet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;
import java.util.Optional;

/**
 * The bounded contexts and the production classes the boundary tests look at. The list names all six modules
 * on purpose: a module that has not landed yet simply has no classes and no changelog on the app's classpath,
 * so every check treats it as empty instead of failing, and covers it as soon as it lands.
 */
final class Modules {

    static final String ROOT = "dev.fleet";
    static final List<String> ALL = List.of("catalog", "customers", "pricing", "reservations", "billing", "notifications");

    private static JavaClasses production;

    private Modules() {
    }

    /** Every main class under dev.fleet on the app's classpath: no test classes, no test-jars. */
    static synchronized JavaClasses production() {
        if (production == null) {
            production = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                    .importPackages(ROOT);
        }
        return production;
    }

    /** The module (first package segment under the root) a class belongs to, if it is one of {@code modules}. */
    static Optional<String> moduleOf(String root, List<String> modules, JavaClass javaClass) {
        String name = javaClass.getBaseComponentType().getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String first = name.substring(root.length() + 1).split("\\.", 2)[0];
        return modules.contains(first) ? Optional.of(first) : Optional.empty();
    }

    static boolean inPackage(JavaClass javaClass, String packageName) {
        String name = javaClass.getBaseComponentType().getPackageName();
        return name.equals(packageName) || name.startsWith(packageName + ".");
    }
}
