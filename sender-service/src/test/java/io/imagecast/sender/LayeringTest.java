package io.imagecast.sender;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering of CONTRIBUTING.md: api → service → domain, messaging at the edges. The
 * transfer engine ({@code engine}, the adapter over libs/udpcast) is an edge too: the service drives
 * it, and it knows only the domain. This service has no database, so no transaction rule.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.imagecast.sender");

    @Test
    void domainDependsOnNoOuterLayer() {
        noClasses()
                .that()
                .resideInAPackage("..sender.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..sender.api..",
                        "..sender.service..",
                        "..sender.messaging..",
                        "..sender.engine..",
                        "..sender.health..")
                .check(CLASSES);
    }

    @Test
    void theEngineKnowsOnlyTheDomain() {
        noClasses()
                .that()
                .resideInAPackage("..sender.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..sender.api..", "..sender.service..", "..sender.messaging..", "..sender.health..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiKnowsTheApi() {
        classes()
                .that()
                .resideInAPackage("..sender.api..")
                .should()
                .onlyBeAccessed()
                .byAnyPackage("..sender.api..")
                .check(CLASSES);
    }

    @Test
    void resourcesGoThroughServices() {
        noClasses()
                .that()
                .resideInAPackage("..sender.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..sender.messaging..", "..sender.engine..")
                .check(CLASSES);
    }
}
