package dev.aiops.registry.health;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sharding between replicas: this JVM's scheduler is one replica; the tests play others by claiming
 * through the same store with their own owner ids.
 */
@RegistryIntegrationTest
class HealthLeaseTests {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HealthStore store;

    @Autowired
    HealthRecorder recorder;

    @Autowired
    HealthScheduler scheduler;

    List<UUID> registerFarEdge(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = cluster(uniqueName("lease"));
            body.put("cluster_type", "FAR_EDGE");
            ids.add(UUID.fromString(api.as("operator")
                    .post("/api/v1/clusters", body)
                    .body()
                    .get("id")
                    .asString()));
        }
        return ids;
    }

    @Test
    void shouldNeverHandTheSameClusterToTwoReplicasWhenTheyClaimTogether() throws Exception {
        List<UUID> ids = registerFarEdge(60);
        // this JVM's own replica stays out of the race (started again below): on a loaded machine it could claim
        // every due cluster before the three replicas start, and they would race over nothing
        scheduler.stop();
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        List<List<ClaimedCluster>> claims = new ArrayList<>();
        try {
            // park them, then make them all due at once
            jdbc.update("update cluster set next_check_at = now() + interval '1 hour' where id = any(?)", (Object)
                    ids.toArray(UUID[]::new));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from cluster where id = any(?) and check_owner is not null",
                                    Long.class,
                                    (Object) ids.toArray(UUID[]::new))
                            == 0);
            jdbc.update("update cluster set next_check_at = now() - interval '1 second' where id = any(?)", (Object)
                    ids.toArray(UUID[]::new));

            List<Callable<List<ClaimedCluster>>> calls = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                String owner = "replica-" + r + "/" + UUID.randomUUID();
                calls.add(() -> {
                    List<ClaimedCluster> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mine.addAll(store.claimDue(owner, 7));
                    }
                    return mine;
                });
            }
            for (Future<List<ClaimedCluster>> f : replicas.invokeAll(calls)) {
                claims.add(f.get());
            }
        } finally {
            replicas.shutdownNow();
            scheduler.start();
        }

        Set<UUID> seen = new HashSet<>();
        for (List<ClaimedCluster> replicaClaims : claims) {
            for (ClaimedCluster claimed : replicaClaims) {
                assertThat(seen.add(claimed.id()))
                        .as("claimed twice: " + claimed.id())
                        .isTrue();
                assertThat(jdbc.queryForObject(
                                "select check_owner from cluster where id = ?", String.class, claimed.id()))
                        .isEqualTo(claimed.owner());
            }
        }
        assertThat(claims.stream().mapToInt(List::size).sum()).isPositive();
    }

    @Test
    void shouldPickUpADeadReplicasClustersWhenItsLeaseExpires() {
        UUID id = registerFarEdge(1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastChecked(id) != null);
        // a replica claimed the cluster and died mid-check: its lease ran out, the check is overdue
        jdbc.update(
                "update cluster set check_owner = 'dead-replica/1', check_lease_until = now() - interval '1 second',"
                        + " next_check_at = now() - interval '1 second', last_checked_at = null where id = ?",
                id);

        await().atMost(Duration.ofSeconds(30)).until(() -> lastChecked(id) != null);

        assertThat(jdbc.queryForObject("select check_owner from cluster where id = ?", String.class, id))
                .isNull();
    }

    @Test
    void shouldLeaveALiveLeaseAloneWhenAnotherReplicaPolls() {
        UUID id = registerFarEdge(1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastChecked(id) != null);
        jdbc.update(
                "update cluster set check_owner = 'busy-replica/1', check_lease_until = now() + interval '1 hour',"
                        + " next_check_at = now() - interval '1 second' where id = ?",
                id);

        List<ClaimedCluster> claimed = store.claimDue("other-replica/" + UUID.randomUUID(), 10_000);

        assertThat(claimed).noneMatch(c -> c.id().equals(id));
        jdbc.update("update cluster set check_owner = null, check_lease_until = null where id = ?", id);
    }

    @Test
    void shouldDropALateResultWhenTheLeaseWasTakenOver() {
        UUID id = registerFarEdge(1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastChecked(id) != null);
        ClaimedCluster stale =
                store.claimNow(id, "slow-replica/" + UUID.randomUUID()).orElseThrow();
        store.claimNow(id, "refresh/" + UUID.randomUUID()).orElseThrow();
        CheckResult passed =
                new CheckResult(ProbeResult.ok(1), ProbeResult.ABSENT, ProbeResult.ABSENT, ProbeResult.ABSENT, 1);

        assertThat(recorder.record(stale, passed)).isEmpty();
        jdbc.update("update cluster set check_owner = null, check_lease_until = null where id = ?", id);
    }

    @Test
    void shouldHandItsClustersBackWhenAReplicaShutsDown() {
        UUID id = registerFarEdge(1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastChecked(id) != null);
        store.claimNow(id, "stopping_replica/" + UUID.randomUUID()).orElseThrow();

        assertThat(store.releaseLeases("other_replica/")).isZero();
        assertThat(store.releaseLeases("stopping_replica/")).isEqualTo(1);

        assertThat(jdbc.queryForObject("select check_owner from cluster where id = ?", String.class, id))
                .isNull();
        assertThat(jdbc.queryForObject("select next_check_at <= now() from cluster where id = ?", Boolean.class, id))
                .isTrue();
    }

    java.sql.Timestamp lastChecked(UUID id) {
        return jdbc.queryForObject("select last_checked_at from cluster where id = ?", java.sql.Timestamp.class, id);
    }
}
