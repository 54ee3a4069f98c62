package org.kbbridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product's own classes keep the boundaries of SPEC 1. */
class ArchitectureTest {

    private static final String ROOT = "org.kbbridge";
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void every_module_has_classes_to_check() {
        for (String layer : new String[] {"domain", "port", "application", "adapter.discourse", "adapter.persistence",
            "app", "simulator"}) {
            assertThat(
                    product.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + layer)))
                    .as("classes in %s.%s (a rule over an empty package checks nothing)", ROOT, layer).isTrue();
        }
    }

    @Test
    void layers_follow_spec_section_1() {
        KbBridgeRules.layers(ROOT).check(product);
    }

    @Test
    void domain_depends_only_on_the_jdk() {
        KbBridgeRules.domainDependsOnlyOnTheJdk(ROOT).check(product);
    }

    @Test
    void ports_depend_only_on_the_domain() {
        KbBridgeRules.portsDependOnlyOnTheDomainAndTheJdk(ROOT).check(product);
    }

    @Test
    void camel_stays_in_the_discourse_adapter_and_the_app() {
        KbBridgeRules.camelOnlyInTheDiscourseAdapterAndTheApp(ROOT).check(product);
    }

    @Test
    void persistence_libraries_stay_in_the_persistence_adapter_and_the_app() {
        KbBridgeRules.persistenceLibrariesOnlyInThePersistenceAdapterAndTheApp(ROOT).check(product);
    }

    @Test
    void adapters_do_not_know_each_other() {
        KbBridgeRules.adaptersDoNotKnowEachOther(ROOT).check(product);
    }

    @Test
    void the_simulator_knows_none_of_our_code() {
        KbBridgeRules.simulatorKnowsNoneOfOurCode(ROOT).check(product);
    }
}
