package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthStatusTests {

    @Test
    void simpleUp() {
        assertThat(HealthStatus.isUp("{\"status\":\"UP\"}")).isTrue();
        assertThat(HealthStatus.isUp("{ \"status\" : \"UP\" }\n")).isTrue();
    }

    @Test
    void compositeUpWithGroups() {
        String body = """
                {"groups":["liveness","readiness"],"components":{"db":{"status":"UP",
                "details":{"database":"PostgreSQL"}},"redis":{"status":"UP"}},"status":"UP"}
                """;
        assertThat(HealthStatus.isUp(body)).isTrue();
    }

    @Test
    void componentUpDoesNotMakeTheServiceUp() {
        String body =
                "{\"components\":{\"db\":{\"status\":\"UP\"},\"redis\":{\"status\":\"DOWN\"}},\"status\":\"DOWN\"}";
        assertThat(HealthStatus.isUp(body)).isFalse();
        assertThat(HealthStatus.topLevelStatus(body)).contains("DOWN");
    }

    @Test
    void statusInsideStringsOrArraysIsIgnored() {
        assertThat(HealthStatus.isUp("{\"note\":\"\\\"status\\\":\\\"UP\\\"\",\"status\":\"OUT_OF_SERVICE\"}"))
                .isFalse();
        assertThat(HealthStatus.isUp("{\"list\":[{\"status\":\"UP\"}]}")).isFalse();
    }

    @Test
    void garbageIsNotUp() {
        assertThat(HealthStatus.isUp(null)).isFalse();
        assertThat(HealthStatus.isUp("")).isFalse();
        assertThat(HealthStatus.isUp("UP")).isFalse();
        assertThat(HealthStatus.isUp("<html>status UP</html>")).isFalse();
        assertThat(HealthStatus.isUp("{\"status\":\"UP")).isFalse();
        assertThat(HealthStatus.isUp("{\"status\":\"up\"}")).isFalse();
    }
}
