package dev.aiops.model.cnf;

import static dev.aiops.model.cnf.CnfState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CnfStateTests {

    static Stream<Arguments> legal() {
        return Stream.of(
                move(PENDING, PROVISIONING),
                move(PROVISIONING, CONFIGURING),
                move(CONFIGURING, ACTIVE),
                move(ACTIVE, SCALING),
                move(SCALING, ACTIVE),
                move(ACTIVE, UPDATING),
                move(UPDATING, ACTIVE),
                move(ACTIVE, DEGRADED),
                move(DEGRADED, HEALING),
                move(HEALING, ACTIVE),
                move(ACTIVE, TERMINATING),
                move(TERMINATING, DELETED),
                move(FAILED, TERMINATING));
    }

    static Stream<Arguments> illegal() {
        return Stream.of(
                move(PENDING, ACTIVE),
                move(PROVISIONING, ACTIVE),
                move(ACTIVE, PENDING),
                move(ACTIVE, HEALING),
                move(ACTIVE, DELETED),
                move(SCALING, UPDATING),
                move(DEGRADED, ACTIVE),
                move(HEALING, DEGRADED),
                move(TERMINATING, ACTIVE),
                move(FAILED, ACTIVE),
                move(FAILED, FAILED),
                move(ACTIVE, ACTIVE));
    }

    @Nested
    class Table {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.aiops.model.cnf.CnfStateTests#legal")
        void shouldAllowTransitionWhenContractListsIt(CnfState from, CnfState to) {
            assertThat(from.canTransitionTo(to)).isTrue();
            assertThat(from.transitionTo(to)).isEqualTo(to);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.aiops.model.cnf.CnfStateTests#illegal")
        void shouldRejectTransitionWhenContractDoesNotListIt(CnfState from, CnfState to) {
            assertThat(from.canTransitionTo(to)).isFalse();
            assertThatIllegalStateException()
                    .isThrownBy(() -> from.transitionTo(to))
                    .withMessageContaining(from + " -> " + to);
        }

        @ParameterizedTest
        @EnumSource(
                value = CnfState.class,
                names = {"DELETED", "FAILED"},
                mode = EnumSource.Mode.EXCLUDE)
        void shouldAllowFailedWhenStateIsNotTerminal(CnfState state) {
            assertThat(state.canTransitionTo(FAILED)).isTrue();
        }

        @Test
        void shouldAllowNothingWhenDeleted() {
            assertThat(DELETED.isTerminal()).isTrue();
            assertThat(DELETED.allowedNext()).isEmpty();
            assertThat(EnumSet.allOf(CnfState.class)).noneMatch(DELETED::canTransitionTo);
        }

        @Test
        void shouldHaveOnlyDeletedTerminalWhenTableIsComplete() {
            assertThat(EnumSet.allOf(CnfState.class).stream().filter(CnfState::isTerminal))
                    .containsExactly(DELETED);
        }

        @Test
        void shouldRejectNullWhenNextStateIsMissing() {
            assertThat(ACTIVE.canTransitionTo(null)).isFalse();
        }

        @Test
        void shouldNotLetCallersEditTheTableWhenTheyGetAllowedNext() {
            assertThat(ACTIVE.allowedNext()).isUnmodifiable();
            assertThat(ACTIVE.allowedNext())
                    .containsExactlyInAnyOrder(SCALING, UPDATING, DEGRADED, TERMINATING, FAILED);
        }
    }

    @Nested
    class ErrorKinds {

        @Test
        void shouldRetryOnlyWhenErrorIsTransient() {
            assertThat(CnfErrorKind.TRANSIENT.retryable()).isTrue();
            assertThat(CnfErrorKind.PERMANENT.retryable()).isFalse();
            assertThat(CnfErrorKind.CONFIGURATION.retryable()).isFalse();
        }
    }

    private static Arguments move(CnfState from, CnfState to) {
        return arguments(named(from + " → " + to, from), to);
    }
}
