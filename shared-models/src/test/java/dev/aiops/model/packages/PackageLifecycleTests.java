package dev.aiops.model.packages;

import static dev.aiops.model.JsonSupport.MAPPER;
import static dev.aiops.model.packages.PackageLifecycle.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PackageLifecycleTests {

    static Stream<Arguments> legal() {
        return Stream.of(
                move("propose", DRAFT, PROPOSED),
                move("reject", PROPOSED, DRAFT),
                move("approve", PROPOSED, PUBLISHED),
                move("propose-delete", PUBLISHED, DELETION_PROPOSED),
                move("reject deletion", DELETION_PROPOSED, PUBLISHED));
    }

    static Stream<Arguments> illegal() {
        return Stream.of(
                move("publish a draft", DRAFT, PUBLISHED),
                move("unpublish", PUBLISHED, DRAFT),
                move("re-propose a published revision", PUBLISHED, PROPOSED),
                move("propose deletion of a draft", DRAFT, DELETION_PROPOSED),
                move("stay in place", PROPOSED, PROPOSED));
    }

    @Nested
    class Transitions {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.aiops.model.packages.PackageLifecycleTests#legal")
        void shouldAllowTransitionWhenPorchAllowsIt(PackageLifecycle from, PackageLifecycle to) {
            assertThat(from.canTransitionTo(to)).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.aiops.model.packages.PackageLifecycleTests#illegal")
        void shouldRejectTransitionWhenPorchForbidsIt(PackageLifecycle from, PackageLifecycle to) {
            assertThat(from.canTransitionTo(to)).isFalse();
        }

        @Test
        void shouldRequireDeletionProposalWhenRevisionIsPublished() {
            assertThat(PUBLISHED.deletable()).isFalse();
            assertThat(DRAFT.deletable()).isTrue();
            assertThat(PROPOSED.deletable()).isTrue();
            assertThat(DELETION_PROPOSED.deletable()).isTrue();
        }
    }

    @Nested
    class WireValues {

        @ParameterizedTest
        @EnumSource(PackageLifecycle.class)
        void shouldWritePorchSpellingWhenSerialized(PackageLifecycle lifecycle) {
            assertThat(MAPPER.writeValueAsString(lifecycle)).isEqualTo("\"" + lifecycle.porchValue() + "\"");
            assertThat(MAPPER.readValue("\"" + lifecycle.porchValue() + "\"", PackageLifecycle.class))
                    .isEqualTo(lifecycle);
            assertThat(PackageLifecycle.fromPorchValue(lifecycle.porchValue())).isEqualTo(lifecycle);
        }

        @Test
        void shouldUsePorchNamesWhenWritten() {
            assertThat(DELETION_PROPOSED.porchValue()).isEqualTo("DeletionProposed");
            assertThat(DRAFT.porchValue()).isEqualTo("Draft");
        }

        @Test
        void shouldRejectOtherSpellingWhenParsingPorchValue() {
            assertThatIllegalArgumentException().isThrownBy(() -> PackageLifecycle.fromPorchValue("draft"));
            assertThatIllegalArgumentException().isThrownBy(() -> PackageLifecycle.fromPorchValue("DELETION_PROPOSED"));
        }
    }

    private static Arguments move(String name, PackageLifecycle from, PackageLifecycle to) {
        return arguments(named(name + ": " + from.porchValue() + " → " + to.porchValue(), from), to);
    }
}
