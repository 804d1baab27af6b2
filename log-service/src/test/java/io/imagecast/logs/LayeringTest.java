package io.imagecast.logs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering of CONTRIBUTING.md: api → service → domain, messaging at the edges. The LogQL
 * parser ({@code logql}) sits beside the domain: pure code that knows no outer layer.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.imagecast.logs");

    @Test
    void domainAndParserDependOnNoOuterLayer() {
        noClasses()
                .that()
                .resideInAnyPackage("..logs.domain..", "..logs.logql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..logs.api..", "..logs.service..", "..logs.messaging..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiKnowsTheApi() {
        classes()
                .that()
                .resideInAPackage("..logs.api..")
                .should()
                .onlyBeAccessed()
                .byAnyPackage("..logs.api..")
                .check(CLASSES);
    }

    @Test
    void resourcesGoThroughServicesNotRepositoriesOrMessaging() {
        noClasses()
                .that()
                .resideInAPackage("..logs.api..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("..logs.messaging..")
                .check(CLASSES);
    }

    @Test
    void transactionsAreDemarcatedInServices() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..logs.service..")
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackage("..logs.service..")
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(CLASSES);
    }
}
