package io.imagecast.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

/** Guards the layering of CONTRIBUTING.md: api → service → domain, messaging at the edges. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.imagecast.registry");

    @Test
    void domainDependsOnNoOuterLayer() {
        noClasses()
                .that()
                .resideInAPackage("..registry.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..registry.api..", "..registry.service..", "..registry.messaging..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiKnowsTheApi() {
        classes()
                .that()
                .resideInAPackage("..registry.api..")
                .should()
                .onlyBeAccessed()
                .byAnyPackage("..registry.api..")
                .check(CLASSES);
    }

    @Test
    void resourcesGoThroughServicesNotRepositories() {
        noClasses()
                .that()
                .resideInAPackage("..registry.api..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(CLASSES);
    }

    @Test
    void transactionsAreDemarcatedInServices() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..registry.service..")
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(CLASSES);
    }
}
