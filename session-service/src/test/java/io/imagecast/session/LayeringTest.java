package io.imagecast.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

/** Guards the layering of CONTRIBUTING.md: api → service → domain, messaging at the edges. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.imagecast.session");

    /** MANDATORY only asserts that the caller's transaction exists (the outbox writer relies on it). */
    private static final DescribedPredicate<JavaAnnotation<?>> STARTS_A_TRANSACTION =
            new DescribedPredicate<>("@Transactional that may begin a transaction") {
                @Override
                public boolean test(JavaAnnotation<?> annotation) {
                    if (!annotation.getRawType().isEquivalentTo(Transactional.class)) {
                        return false;
                    }
                    return !(annotation.get("value").orElse(null) instanceof JavaEnumConstant type
                            && type.name().equals(Transactional.TxType.MANDATORY.name()));
                }
            };

    @Test
    void domainDependsOnNoOuterLayer() {
        noClasses()
                .that()
                .resideInAPackage("..session.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..session.api..", "..session.service..", "..session.messaging..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiKnowsTheApi() {
        classes()
                .that()
                .resideInAPackage("..session.api..")
                .should()
                .onlyBeAccessed()
                .byAnyPackage("..session.api..")
                .check(CLASSES);
    }

    @Test
    void resourcesGoThroughServicesNotRepositoriesOrMessaging() {
        noClasses()
                .that()
                .resideInAPackage("..session.api..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("..session.messaging..")
                .check(CLASSES);
    }

    @Test
    void transactionsAreDemarcatedInServices() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..session.service..")
                .should()
                .beAnnotatedWith(STARTS_A_TRANSACTION)
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackage("..session.service..")
                .should()
                .beAnnotatedWith(STARTS_A_TRANSACTION)
                .check(CLASSES);
    }
}
