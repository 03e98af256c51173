package dev.fmnist.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules catch what they are meant to: a core that imports an adapter, and two packages that import each other. */
class ServiceArchitectureTest {

    private static final String BAD = "dev.fmnist.testing.archsamples.bad";
    private static final String GOOD = "dev.fmnist.testing.archsamples.good";

    @Test
    void aCoreThatImportsItsPersistenceAndACycleAreBothNamed() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(BAD);
        var rules = ServiceArchitecture.rules(BAD);

        assertThat(rules.get(0).evaluate(classes).hasViolation()).as("cycle").isTrue();
        assertThatThrownBy(() -> rules.get(1).check(classes))
                .hasMessageContaining("service.Core")
                .hasMessageContaining("persistence.Store");
    }

    @Test
    void aServiceWhoseAdaptersUseItsCorePasses() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(GOOD);

        ServiceArchitecture.rules(GOOD).forEach(rule -> rule.check(classes));
    }
}
