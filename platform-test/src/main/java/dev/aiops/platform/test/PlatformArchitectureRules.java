package dev.aiops.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package-private-by-default rules every service keeps: a feature's public face is its records and
 * a small API, while entities, repositories and controllers stay inside it. Include them with
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.aiops.intent", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTests {
 *     @ArchTest
 *     static final ArchTests platformRules = ArchTests.in(PlatformArchitectureRules.class);
 * }
 * }</pre>
 */
public final class PlatformArchitectureRules {

    @ArchTest
    public static final ArchRule entitiesAreNotPublic = classes()
            .that()
            .areAnnotatedWith("jakarta.persistence.Entity")
            .should()
            .notBePublic()
            .allowEmptyShould(true); // a service without a database has none

    @ArchTest
    public static final ArchRule repositoriesAreNotPublic = classes()
            .that()
            .areAssignableTo("org.springframework.data.repository.Repository")
            .should()
            .notBePublic()
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule controllersAreNotPublic = classes()
            .that()
            .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .should()
            .notBePublic();

    private PlatformArchitectureRules() {}
}
