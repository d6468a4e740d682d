package dev.aiops.registry.fleet;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Fleet aggregates over a known fleet (the test kit empties the tables before this class). */
@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetTests {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    UUID hub;
    UUID edgeLab;
    UUID edgeProd;
    UUID spoke;

    @BeforeAll
    void fleet() {
        hub = register("HUB", "PRODUCTION", "OPENSHIFT");
        edgeLab = register("EDGE", "LAB", "KUBERNETES");
        edgeProd = register("EDGE", "PRODUCTION", "OPENSHIFT");
        spoke = register("SPOKE", "DEVELOPMENT", "KUBERNETES");
        List<UUID> all = List.of(hub, edgeLab, edgeProd, spoke);
        // keep the health checker (and its silence sweep) and discovery off these rows; a check in flight
        // reschedules its cluster when it records, so park until nothing is in flight and all stay parked
        UUID[] ids = all.toArray(UUID[]::new);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            jdbc.update(
                    "update cluster set next_check_at = now() + interval '1 hour',"
                            + " last_checked_at = now() + interval '1 hour', next_discovery_at = now() + interval '1 day'"
                            + " where id = any(?)",
                    (Object) ids);
            return jdbc.queryForObject(
                            "select count(*) from cluster where id = any(?) and (check_owner is not null"
                                    + " or discovery_owner is not null or next_check_at < now() + interval '30 minutes')",
                            Long.class,
                            (Object) ids)
                    == 0;
        });
        set(
                hub,
                "ONLINE",
                100,
                "CONNECTED",
                "4.16.3",
                true,
                8,
                "[\"NVIDIA-H100-80GB-HBM3\"]",
                true,
                "[\"UPF\",\"AMF\"]",
                true,
                true);
        set(edgeLab, "DEGRADED", 80, "CONNECTED", "v1.30.0", false, 0, "[]", true, "[\"VDU\"]", true, false);
        set(
                edgeProd,
                "OFFLINE",
                50,
                "DISCONNECTED",
                "4.16.3",
                true,
                4,
                "[\"NVIDIA-A100-SXM4-40GB\"]",
                false,
                "[]",
                false,
                false);
        set(spoke, "UNKNOWN", 0, "DISCONNECTED", null, false, 0, "[]", false, "[]", false, false);
        node(hub, "gpu-0", 8, "NVIDIA-H100-80GB-HBM3");
        node(edgeProd, "gpu-1", 4, "NVIDIA-A100-SXM4-40GB");
        jdbc.update("update cluster set credentials_expires_at = now() + interval '2 days' where id = ?", edgeLab);
    }

    UUID register(String type, String environment, String platform) {
        Map<String, Object> body = cluster(uniqueName("fleet"));
        body.put("cluster_type", type);
        body.put("environment", environment);
        body.put("platform", platform);
        return UUID.fromString(api.as("operator")
                .post("/api/v1/clusters", body)
                .body()
                .get("id")
                .asString());
    }

    void set(
            UUID id,
            String state,
            int score,
            String connectivity,
            String version,
            boolean gpu,
            int gpus,
            String gpuTypes,
            boolean cnf,
            String cnfTypes,
            boolean prometheus,
            boolean thanos) {
        jdbc.update(
                "update cluster set state = ?, health_score = ?, connectivity = ?, platform_version = ?,"
                        + " has_gpu_nodes = ?, gpu_count = ?, gpu_types = cast(? as jsonb), has_cnf_workloads = ?,"
                        + " cnf_types = cast(? as jsonb), has_prometheus = ?, has_thanos = ? where id = ?",
                state,
                score,
                connectivity,
                version,
                gpu,
                gpus,
                gpuTypes,
                cnf,
                cnfTypes,
                prometheus,
                thanos,
                id);
    }

    void node(UUID cluster, String name, int gpus, String product) {
        jdbc.update(
                "insert into cluster_node (cluster_id, name, id, gpu_count, gpu_product, ready, discovered_at)"
                        + " values (?, ?, ?, ?, ?, true, now())",
                cluster,
                name,
                UUID.randomUUID(),
                gpus,
                product);
    }

    @Test
    void shouldCountTheFleetByStateTypeEnvironmentGpusAndCnfsWhenSummarized() {
        JsonNode summary = api.as("viewer").get("/api/v1/fleet/summary").body();

        assertThat(summary.get("total_clusters").asLong()).isEqualTo(4);
        assertThat(summary.get("by_state").get("ONLINE").asLong()).isEqualTo(1);
        assertThat(summary.get("by_state").get("DEGRADED").asLong()).isEqualTo(1);
        assertThat(summary.get("by_state").get("OFFLINE").asLong()).isEqualTo(1);
        assertThat(summary.get("by_state").get("UNKNOWN").asLong()).isEqualTo(1);
        assertThat(summary.get("by_state").get("PROVISIONING").asLong()).isZero();
        assertThat(summary.get("by_type").get("EDGE").asLong()).isEqualTo(2);
        assertThat(summary.get("by_type").get("FAR_EDGE").asLong()).isZero();
        assertThat(summary.get("by_environment").get("PRODUCTION").asLong()).isEqualTo(2);
        assertThat(summary.get("by_platform").get("OPENSHIFT").asLong()).isEqualTo(2);
        assertThat(summary.get("average_health_score").asDouble()).isEqualTo(57.5);
        assertThat(summary.get("gpus").get("clusters_with_gpus").asLong()).isEqualTo(2);
        assertThat(summary.get("gpus").get("total_gpus").asLong()).isEqualTo(12);
        assertThat(summary.get("gpus")
                        .get("by_product")
                        .get("NVIDIA-H100-80GB-HBM3")
                        .asLong())
                .isEqualTo(8);
        assertThat(summary.get("cnfs").get("clusters_with_cnfs").asLong()).isEqualTo(2);
        assertThat(summary.get("cnfs").get("by_type").get("UPF").asLong()).isEqualTo(1);
        assertThat(summary.get("cnfs").get("by_type").get("VDU").asLong()).isEqualTo(1);
        assertThat(summary.get("cnfs").get("by_type").get("SMF").asLong()).isZero();
    }

    @Test
    void shouldListClustersNeedingAttentionWorstFirstWhenHealthIsAsked() {
        JsonNode health = api.as("viewer").get("/api/v1/fleet/health").body();

        assertThat(health.get("total_clusters").asLong()).isEqualTo(4);
        assertThat(health.get("online").asLong()).isEqualTo(1);
        assertThat(health.get("by_connectivity").get("DISCONNECTED").asLong()).isEqualTo(2);
        assertThat(health.get("credentials_expiring").asLong()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        health.get("needing_attention").forEach(c -> ids.add(c.get("id").asString()));
        assertThat(ids).containsExactly(spoke.toString(), edgeProd.toString(), edgeLab.toString());
    }

    @Test
    void shouldCountCapabilitiesAcrossTheFleetWhenAsked() {
        JsonNode caps = api.as("viewer").get("/api/v1/fleet/capabilities").body();

        assertThat(caps.get("total_clusters").asLong()).isEqualTo(4);
        assertThat(caps.get("with_gpus").asLong()).isEqualTo(2);
        assertThat(caps.get("with_prometheus").asLong()).isEqualTo(2);
        assertThat(caps.get("with_thanos").asLong()).isEqualTo(1);
        assertThat(caps.get("with_cnfs").asLong()).isEqualTo(2);
        assertThat(caps.get("gpu_products")
                        .get("NVIDIA-A100-SXM4-40GB")
                        .get("gpus")
                        .asLong())
                .isEqualTo(4);
        assertThat(caps.get("gpu_products")
                        .get("NVIDIA-A100-SXM4-40GB")
                        .get("clusters")
                        .asLong())
                .isEqualTo(1);
        assertThat(caps.get("cnf_types").get("AMF").asLong()).isEqualTo(1);
        assertThat(caps.get("platform_versions").get("OPENSHIFT").get("4.16.3").asLong())
                .isEqualTo(2);
    }

    @Test
    void shouldRequireATokenAndAcceptPlatformServicesWhenReadingFleetViews() {
        assertThat(api.anonymous().get("/api/v1/fleet/summary").status()).isEqualTo(401);
        assertThat(api.as("service").get("/api/v1/fleet/summary").status()).isEqualTo(200);
        assertThat(api.as("viewer").get("/api/v1/fleet/health?limit=0").status())
                .isEqualTo(400);
    }
}
