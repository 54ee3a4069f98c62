package org.kbbridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each custom rule, run on a deliberately broken fixture package under {@code org.kbbridge.archfixture}, reports the
 * violation it exists for; on the clean fixture none of them reports anything.
 */
class RulesFireOnViolationsTest {

    private static final String FIXTURES = "org.kbbridge.archfixture.";

    @Test
    void no_rule_fires_on_a_clean_fixture() {
        String root = FIXTURES + "clean";
        JavaClasses classes = importFixture(root);
        for (Function<String, ArchRule> rule : java.util.List.<Function<String, ArchRule>>of(KbBridgeRules::layers,
                KbBridgeRules::domainDependsOnlyOnTheJdk, KbBridgeRules::portsDependOnlyOnTheDomainAndTheJdk,
                KbBridgeRules::camelOnlyInTheDiscourseAdapterAndTheApp,
                KbBridgeRules::persistenceLibrariesOnlyInThePersistenceAdapterAndTheApp,
                KbBridgeRules::adaptersDoNotKnowEachOther, KbBridgeRules::simulatorKnowsNoneOfOurCode)) {
            assertThat(rule.apply(root).evaluate(classes).hasViolation()).as(rule.apply(root).getDescription())
                    .isFalse();
        }
    }

    @Test
    void camel_in_the_domain_is_reported() {
        String root = FIXTURES + "domaincamel";
        assertFires(KbBridgeRules.domainDependsOnlyOnTheJdk(root), root, "LeakyThing", "org.apache.camel.Exchange");
        assertFires(KbBridgeRules.camelOnlyInTheDiscourseAdapterAndTheApp(root), root, "LeakyThing",
                "org.apache.camel.Exchange");
    }

    @Test
    void jdbi_in_a_port_is_reported() {
        String root = FIXTURES + "portsjdbi";
        assertFires(KbBridgeRules.portsDependOnlyOnTheDomainAndTheJdk(root), root, "LeakyPort",
                "org.jdbi.v3.core.Handle");
        assertFires(KbBridgeRules.persistenceLibrariesOnlyInThePersistenceAdapterAndTheApp(root), root, "LeakyPort",
                "org.jdbi.v3.core.Handle");
    }

    @Test
    void an_adapter_using_another_adapter_is_reported() {
        String root = FIXTURES + "adapters";
        assertFires(KbBridgeRules.adaptersDoNotKnowEachOther(root), root, "DiscourseThing", "StoreThing");
        assertFires(KbBridgeRules.layers(root), root, "DiscourseThing", "StoreThing");
    }

    @Test
    void a_simulator_that_uses_our_domain_is_reported() {
        String root = FIXTURES + "simulatorleak";
        assertFires(KbBridgeRules.simulatorKnowsNoneOfOurCode(root), root, "FakeForum", "Topic");
        assertFires(KbBridgeRules.layers(root), root, "FakeForum", "Topic");
    }

    @Test
    void a_class_outside_every_layer_is_reported() {
        String root = FIXTURES + "stray";
        assertFires(KbBridgeRules.layers(root), root, "Homeless");
    }

    @Test
    void a_domain_class_reaching_up_into_a_port_is_reported() {
        String root = FIXTURES + "upward";
        assertFires(KbBridgeRules.layers(root), root, "Entity", "Repository");
    }

    private static void assertFires(ArchRule rule, String root, String... mentioned) {
        EvaluationResult result = rule.evaluate(importFixture(root));
        assertThat(result.hasViolation()).as("%s fires on %s", rule.getDescription(), root).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String text : mentioned) {
            assertThat(report).contains(text);
        }
    }

    private static JavaClasses importFixture(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
