package dev.aiops.registry.health;

import static dev.aiops.model.cluster.ClusterState.DEGRADED;
import static dev.aiops.model.cluster.ClusterState.OFFLINE;
import static dev.aiops.model.cluster.ClusterState.ONLINE;
import static dev.aiops.model.cluster.ClusterState.PROVISIONING;
import static dev.aiops.model.cluster.ClusterState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.Connectivity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthEvaluatorTests {

    static final ProbeResult UP = ProbeResult.ok(1);
    static final ProbeResult DOWN = ProbeResult.failed("connection refused", 1);
    static final ProbeResult NONE = ProbeResult.ABSENT;

    static CheckResult result(ProbeResult api, ProbeResult prometheus, ProbeResult tempo, ProbeResult loki) {
        return new CheckResult(api, prometheus, tempo, loki, 1);
    }

    static final CheckResult ALL_PASS = result(UP, UP, UP, UP);
    static final CheckResult PARTIAL = result(UP, DOWN, UP, UP);
    static final CheckResult API_DOWN = result(DOWN, UP, UP, UP);

    @Nested
    class Transitions {

        static Stream<Arguments> contractTransitions() {
            return Stream.of(
                    Arguments.of("UNKNOWN to ONLINE on first pass", UNKNOWN, ALL_PASS, ONLINE),
                    Arguments.of("UNKNOWN to OFFLINE on first fail (API server)", UNKNOWN, API_DOWN, OFFLINE),
                    Arguments.of("UNKNOWN to OFFLINE on first fail (partial)", UNKNOWN, PARTIAL, OFFLINE),
                    Arguments.of("PROVISIONING behaves like UNKNOWN", PROVISIONING, ALL_PASS, ONLINE),
                    Arguments.of("ONLINE stays ONLINE when all pass", ONLINE, ALL_PASS, ONLINE),
                    Arguments.of("ONLINE to DEGRADED on partial failure", ONLINE, PARTIAL, DEGRADED),
                    Arguments.of("ONLINE to OFFLINE when API server fails", ONLINE, API_DOWN, OFFLINE),
                    Arguments.of("DEGRADED to ONLINE when all pass", DEGRADED, ALL_PASS, ONLINE),
                    Arguments.of("DEGRADED stays DEGRADED on partial failure", DEGRADED, PARTIAL, DEGRADED),
                    Arguments.of("DEGRADED to OFFLINE when API server fails", DEGRADED, API_DOWN, OFFLINE),
                    Arguments.of("OFFLINE to ONLINE when all pass", OFFLINE, ALL_PASS, ONLINE),
                    Arguments.of(
                            "OFFLINE to DEGRADED when API server is back but others are not",
                            OFFLINE,
                            PARTIAL,
                            DEGRADED),
                    Arguments.of("OFFLINE stays OFFLINE while API server fails", OFFLINE, API_DOWN, OFFLINE));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("contractTransitions")
        void shouldFollowTheContractWhenNotSilent(String name, ClusterState from, CheckResult result, ClusterState to) {
            assertThat(HealthEvaluator.next(from, result, false)).isEqualTo(to);
        }

        static Stream<Arguments> silentTransitions() {
            return Stream.of(
                    Arguments.of("OFFLINE to UNKNOWN after five silent intervals", OFFLINE, API_DOWN, UNKNOWN),
                    Arguments.of("ONLINE to UNKNOWN when silence was already long", ONLINE, API_DOWN, UNKNOWN),
                    Arguments.of("UNKNOWN stays UNKNOWN while silent", UNKNOWN, API_DOWN, UNKNOWN),
                    Arguments.of("UNKNOWN to ONLINE when it answers again", UNKNOWN, ALL_PASS, ONLINE));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("silentTransitions")
        void shouldBecomeUnknownWhenSilentForFiveIntervals(
                String name, ClusterState from, CheckResult result, ClusterState to) {
            assertThat(HealthEvaluator.next(from, result, true)).isEqualTo(to);
        }
    }

    @Nested
    class Scoring {

        static Stream<Arguments> scores() {
            return Stream.of(
                    Arguments.of("everything up", result(UP, UP, UP, UP), 100),
                    Arguments.of("API server down", result(DOWN, UP, UP, UP), 50),
                    Arguments.of("Prometheus down", result(UP, DOWN, UP, UP), 80),
                    Arguments.of("Tempo down", result(UP, UP, DOWN, UP), 85),
                    Arguments.of("Loki down", result(UP, UP, UP, DOWN), 85),
                    Arguments.of("everything down", result(DOWN, DOWN, DOWN, DOWN), 0),
                    Arguments.of("absent components never cost points", result(UP, NONE, NONE, NONE), 100),
                    Arguments.of("only API server, down", result(DOWN, NONE, NONE, NONE), 50),
                    Arguments.of("Prometheus down, no Tempo or Loki", result(UP, DOWN, NONE, NONE), 80));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scores")
        void shouldDeductOnlyForComponentsTheClusterHas(String name, CheckResult result, int score) {
            assertThat(result.score()).isEqualTo(score);
        }

        @Test
        void shouldTreatAbsentComponentsAsPassingWhenDecidingState() {
            assertThat(HealthEvaluator.next(UNKNOWN, result(UP, NONE, NONE, NONE), false))
                    .isEqualTo(ONLINE);
        }
    }

    @Nested
    class ConnectivityRules {

        @Test
        void shouldBeConnectedWhenRecentChecksAllReachedTheApiServer() {
            int bits = HealthEvaluator.pushResult(HealthEvaluator.pushResult(0, false), false);
            assertThat(HealthEvaluator.connectivity(bits, 2)).isEqualTo(Connectivity.CONNECTED);
        }

        @Test
        void shouldBeDisconnectedWhenRecentChecksAllFailed() {
            int bits = HealthEvaluator.pushResult(HealthEvaluator.pushResult(0, true), true);
            assertThat(HealthEvaluator.connectivity(bits, 2)).isEqualTo(Connectivity.DISCONNECTED);
        }

        @Test
        void shouldBeIntermittentWhenRecentChecksAreMixed() {
            int bits = HealthEvaluator.pushResult(HealthEvaluator.pushResult(0, true), false);
            assertThat(HealthEvaluator.connectivity(bits, 2)).isEqualTo(Connectivity.INTERMITTENT);
        }

        @Test
        void shouldForgetFailuresOlderThanTheWindow() {
            int bits = HealthEvaluator.pushResult(0, true);
            for (int i = 0; i < HealthEvaluator.WINDOW; i++) {
                bits = HealthEvaluator.pushResult(bits, false);
            }
            assertThat(HealthEvaluator.connectivity(bits, 8)).isEqualTo(Connectivity.CONNECTED);
        }
    }
}
