package dev.aiops.intent;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.aiops.platform.test.PlatformArchitectureRules;

@AnalyzeClasses(packages = "dev.aiops.intent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests platformRules = ArchTests.in(PlatformArchitectureRules.class);
}
