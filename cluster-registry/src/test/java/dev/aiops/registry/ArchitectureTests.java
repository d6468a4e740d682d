package dev.aiops.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTests {

    static final JavaClasses REGISTRY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aiops.registry");

    @Test
    void shouldKeepEntitiesPackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(REGISTRY);
    }

    @Test
    void shouldKeepRepositoriesPackagePrivate() {
        classes()
                .that()
                .areAssignableTo(Repository.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .andShould()
                .notBeAnnotatedWith(RestController.class)
                .check(REGISTRY);
    }

    @Test
    void shouldKeepControllersPackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(REGISTRY);
    }

    @Test
    void shouldKeepWebTypesOutOfTheDomain() {
        // services, stores, schedulers: everything but controllers (and advice on their responses) works
        // without the servlet/web layer
        noClasses()
                .that()
                .areNotAnnotatedWith(RestController.class)
                .and()
                .areNotAnnotatedWith(org.springframework.web.bind.annotation.ControllerAdvice.class)
                .and()
                .areMetaAnnotatedWith(Component.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web.bind..", "org.springframework.web.servlet..", "jakarta.servlet..")
                .check(REGISTRY);
    }

    @Test
    void shouldNeverExposeEntitiesOutsideTheirFeature() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aiops.registry.cluster..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Entity.class)
                .check(REGISTRY);
    }

    @Test
    void shouldKeepFeaturesFreeOfCycles() {
        slices().matching("dev.aiops.registry.(*)..").should().beFreeOfCycles().check(REGISTRY);
    }
}
