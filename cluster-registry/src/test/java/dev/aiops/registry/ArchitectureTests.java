package dev.aiops.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
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
    void shouldKeepClusterRepositoriesInTheClusterFeature() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aiops.registry.cluster..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are Spring Data repositories of the cluster feature",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.aiops.registry.cluster")
                                && c.isAssignableTo(Repository.class)))
                .check(REGISTRY);
    }

    /**
     * The cluster feature owns the {@code cluster} table: health, discovery and credentials change their
     * columns through {@code ClusterStateWriter}, never with their own SQL. Statements live in the
     * class files' constant pools (literals and string-concatenation recipes), which is where this looks.
     */
    @Test
    void shouldWriteTheClusterTableOnlyFromTheClusterFeature() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aiops.registry.cluster..")
                .should(WRITE_THE_CLUSTER_TABLE)
                .check(REGISTRY);
    }

    @Nested
    class ClusterTableRule {

        @Test
        void shouldFindAStatementThatWritesTheClusterTable() {
            EvaluationResult result = noClasses()
                    .should(WRITE_THE_CLUSTER_TABLE)
                    .evaluate(new ClassFileImporter().importClasses(RogueWriter.class));

            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().toString()).contains("update cluster set state");
        }

        @Test
        void shouldLeaveOtherTablesAndReadsAlone() {
            EvaluationResult result = noClasses()
                    .should(WRITE_THE_CLUSTER_TABLE)
                    .evaluate(new ClassFileImporter().importClasses(OwnTablesOnly.class));

            assertThat(result.hasViolation()).isFalse();
        }
    }

    /** A feature class gone wrong: writes a status column of {@code cluster} itself. */
    static final class RogueWriter {
        static String sql(String column) {
            return "update cluster set state = 'UNKNOWN', " + column + " = ? where id = ?";
        }
    }

    /** Writes its own tables and only reads {@code cluster}. */
    static final class OwnTablesOnly {
        static final String[] SQL = {
            "update cluster_node set ready = ? where cluster_id = ?",
            "insert into cluster_credentials (cluster_id) values (?)",
            "delete from cluster_node where cluster_id = ?",
            "select id from cluster where id = ? for update",
        };
    }

    private static final Pattern CLUSTER_WRITE =
            Pattern.compile("(?i)\\b(update\\s+cluster|insert\\s+into\\s+cluster|delete\\s+from\\s+cluster"
                    + "|merge\\s+into\\s+cluster|truncate\\s+(table\\s+)?cluster)\\b[^\\x00\\x01]{0,40}");

    static final ArchCondition<JavaClass> WRITE_THE_CLUSTER_TABLE =
            new ArchCondition<>("write the cluster table with SQL of their own") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    String statement = constants(javaClass).stream()
                            .map(CLUSTER_WRITE::matcher)
                            .filter(Matcher::find)
                            .map(Matcher::group)
                            .findFirst()
                            .orElse(null);
                    String message = statement != null
                            ? javaClass.getName() + " writes the cluster table: \"" + statement + "\""
                            : javaClass.getName() + " does not write the cluster table";
                    events.add(new SimpleConditionEvent(javaClass, statement != null, message));
                }
            };

    /** The strings of the class file's constant pool: its literals and string-concatenation recipes. */
    private static List<String> constants(JavaClass javaClass) {
        var source =
                javaClass.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + javaClass));
        try (DataInputStream in = new DataInputStream(source.getUri().toURL().openStream())) {
            in.skipNBytes(8); // magic, minor and major version
            int count = in.readUnsignedShort();
            List<String> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // longs and doubles take two entries
                    }
                    default -> throw new IllegalStateException("constant pool tag " + tag + " in " + javaClass);
                }
            }
            return strings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldKeepFeaturesFreeOfCycles() {
        slices().matching("dev.aiops.registry.(*)..").should().beFreeOfCycles().check(REGISTRY);
    }
}
