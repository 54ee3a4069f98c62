package org.kbbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of SPEC 1, as rules over a root package, so each can run on the product ({@code org.kbbridge})
 * and on a deliberately broken fixture package that proves it fires.
 */
final class KbBridgeRules {

    static final String CAMEL = "org.apache.camel..";
    static final String[] PERSISTENCE_LIBRARIES = {"org.jdbi..", "org.flywaydb..", "com.zaxxer.hikari..",
        "org.postgresql.."};

    private KbBridgeRules() {
    }

    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Domain").definedBy(root + ".domain..")
                .layer("Ports").definedBy(root + ".port..", root + ".application..")
                .layer("DiscourseAdapter").definedBy(root + ".adapter.discourse..")
                .layer("PersistenceAdapter").definedBy(root + ".adapter.persistence..")
                .layer("App").definedBy(root + ".app..")
                .layer("Simulator").definedBy(root + ".simulator..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("DiscourseAdapter").mayOnlyBeAccessedByLayers("App")
                .whereLayer("PersistenceAdapter").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Ports").mayOnlyBeAccessedByLayers("DiscourseAdapter", "PersistenceAdapter", "App")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ports", "DiscourseAdapter", "PersistenceAdapter",
                        "App")
                .whereLayer("Simulator").mayOnlyBeAccessedByLayers("App")
                .ensureAllClassesAreContainedInArchitecture()
                .because("SPEC 1: each module may depend only on the modules its row names");
    }

    static ArchRule domainDependsOnlyOnTheJdk(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages(root + ".domain..", "java..", "javax.crypto..")
                .because("SPEC 1: the domain is JDK only");
    }

    static ArchRule portsDependOnlyOnTheDomainAndTheJdk(String root) {
        return noClasses().that().resideInAnyPackage(root + ".port..", root + ".application..")
                .should().dependOnClassesThat().resideOutsideOfPackages(root + ".domain..", root + ".port..",
                        root + ".application..", "java..")
                .because("SPEC 1: ports and application services know only the domain");
    }

    static ArchRule camelOnlyInTheDiscourseAdapterAndTheApp(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapter.discourse..", root + ".app..")
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage(CAMEL)
                .because("SPEC 1: Camel lives in adapters-discourse and app-server");
    }

    static ArchRule persistenceLibrariesOnlyInThePersistenceAdapterAndTheApp(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapter.persistence..", root + ".app..")
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_LIBRARIES)
                .because("SPEC 1: Jdbi, Flyway and the JDBC pool live in adapters-persistence and app-server");
    }

    static ArchRule adaptersDoNotKnowEachOther(String root) {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("SPEC 1: adapters meet only through ports");
    }

    static ArchRule simulatorKnowsNoneOfOurCode(String root) {
        return noClasses().that().resideInAPackage(root + ".simulator..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".domain..", root + ".port..",
                        root + ".application..", root + ".adapter..", root + ".app..")
                .because("the simulator stands in for Discourse and must not share our assumptions");
    }
}
