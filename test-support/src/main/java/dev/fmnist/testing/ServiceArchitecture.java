package dev.fmnist.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape every service keeps (docs/architecture.md): its top-level packages form no cycle, and its core — every
 * package that is not an adapter — imports no adapter. Adapters are the packages that talk to the outside:
 * {@code messaging} (Kafka), {@code persistence} (PostgreSQL), {@code rest} and {@code dashboard} (HTTP),
 * {@code upstream} (HTTP calls to another service) and {@code health}. The core may read the typed {@code config}. A service's test calls {@link #check(String)} with its
 * root package; a violation fails the build and names each offending dependency.
 */
public final class ServiceArchitecture {

    /** The adapter packages, by their last name. */
    public static final List<String> ADAPTERS =
            List.of("messaging", "persistence", "rest", "dashboard", "health", "upstream");

    private ServiceArchitecture() {}

    /**
     * @param rootPackage a service's root package, e.g. {@code dev.fmnist.evaluation}
     * @throws AssertionError naming every dependency that breaks a rule
     */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        for (ArchRule rule : rules(rootPackage)) {
            rule.check(classes);
        }
    }

    /**
     * @param rootPackage a service's root package
     * @return the rules: no package cycles; the core imports no adapter
     */
    public static List<ArchRule> rules(String rootPackage) {
        String[] adapters =
                ADAPTERS.stream().map(a -> rootPackage + "." + a + "..").toArray(String[]::new);
        ArchRule noCycles = slices().matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a service's packages depend on each other in one direction only");
        ArchRule coreIsPlain = noClasses()
                .that()
                .resideInAPackage(rootPackage + "..")
                .and()
                .resideOutsideOfPackages(adapters)
                .and()
                .resideOutsideOfPackage(rootPackage + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(adapters)
                .because("the core (plain logic and its ports) is used by the adapters, never the other way round");
        return List.of(noCycles, coreIsPlain);
    }
}
