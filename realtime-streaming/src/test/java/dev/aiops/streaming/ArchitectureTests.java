package dev.aiops.streaming;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.aiops.platform.test.PlatformArchitectureRules;
import org.springframework.web.socket.WebSocketHandler;

/** The service's public face is its records and properties; handlers and controllers stay inside. */
@AnalyzeClasses(packages = "dev.aiops.streaming", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests platformRules = ArchTests.in(PlatformArchitectureRules.class);

    @ArchTest
    static final ArchRule socketHandlersAreNotPublic =
            classes().that().areAssignableTo(WebSocketHandler.class).should().notBePublic();
}
