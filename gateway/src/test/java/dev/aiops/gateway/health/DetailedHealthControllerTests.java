package dev.aiops.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.gateway.health.DetailedHealthController.DependencyHealth;
import dev.aiops.gateway.health.DetailedHealthController.ServiceHealth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailedHealthControllerTests {

    private static final ServiceHealth UP = new ServiceHealth("UP", "http://a", 3L);
    private static final ServiceHealth DOWN = new ServiceHealth("DOWN", "http://b", 2000L);
    private static final DependencyHealth REDIS_UP = new DependencyHealth("UP");
    private static final DependencyHealth REDIS_DOWN = new DependencyHealth("DOWN");

    @Test
    void shouldBeUpWhenEverythingIsUp() {
        assertThat(DetailedHealthController.overall(Map.of("a", UP, "b", UP), Map.of("redis", REDIS_UP)))
                .isEqualTo("UP");
    }

    @Test
    void shouldBeDegradedWhenOneServiceIsDown() {
        assertThat(DetailedHealthController.overall(Map.of("a", UP, "b", DOWN), Map.of("redis", REDIS_UP)))
                .isEqualTo("DEGRADED");
    }

    @Test
    void shouldBeDegradedWhenOnlyRedisIsDown() {
        assertThat(DetailedHealthController.overall(Map.of("a", UP), Map.of("redis", REDIS_DOWN)))
                .isEqualTo("DEGRADED");
    }

    @Test
    void shouldBeDegradedWhenOnlyPostgresIsDown() {
        assertThat(DetailedHealthController.overall(
                        Map.of("a", UP), Map.of("redis", REDIS_UP, "postgresql", new DependencyHealth("DOWN"))))
                .isEqualTo("DEGRADED");
    }

    @Test
    void shouldBeDownWhenNoServiceIsUp() {
        assertThat(DetailedHealthController.overall(Map.of("a", DOWN, "b", DOWN), Map.of("redis", REDIS_UP)))
                .isEqualTo("DOWN");
    }
}
