package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.platform.events.EventBus;
import dev.aiops.testkit.FreePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two collector replicas (two {@link GpuUpdates} over the one real Redis, as two pods share it) that see the
 * same GPU change publish one GPU_UPDATE between them, counted on the GPU event stream.
 */
@CollectorIntegrationTest
class GpuUpdatesTests {

    @Autowired
    EventBus bus;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    GpuProperties settings;

    final UUID cluster = UUID.randomUUID();
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    LettuceConnectionFactory deadRedis;

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (deadRedis != null) {
            deadRedis.destroy();
        }
    }

    GpuUpdates replica() {
        return new GpuUpdates(bus, redis, json, settings);
    }

    static GpuNode node(UUID cluster, String name, double utilization) {
        return new GpuNode(
                cluster,
                "gpu-fleet",
                name,
                List.of(GpuChangesTests.node(utilization, 0, 40, 128).gpus().get(0)),
                null);
    }

    @Test
    void shouldPublishOneEventWhenTwoReplicasSeeTheSameChangeAtOnce() throws Exception {
        GpuUpdates a = replica();
        GpuUpdates b = replica();
        int rounds = 25;
        for (int round = 0; round < rounds; round++) {
            // every round a new reading beyond the 10-point utilisation threshold, seen by both at once
            GpuNode seen = node(cluster, "node-1", round % 2 == 0 ? 10 : 90);
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<List<GpuNode>> byA = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return a.publish(List.of(seen), Set.of(cluster));
                    },
                    pool);
            CompletableFuture<List<GpuNode>> byB = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return b.publish(List.of(seen), Set.of(cluster));
                    },
                    pool);
            start.countDown();
            List<GpuNode> round1 = new ArrayList<>(byA.get());
            round1.addAll(byB.get());
            assertThat(round1).as("round %d", round).hasSize(1);
        }
        assertThat(events("node-1")).hasSize(rounds);
    }

    @Test
    void shouldMeasureThresholdsFromTheLastEventOfEitherReplica() {
        GpuUpdates a = replica();
        GpuUpdates b = replica();

        assertThat(a.publish(List.of(node(cluster, "node-2", 20)), Set.of(cluster)))
                .hasSize(1);
        // B never sent anything for this node, but A did: 20 → 25 is below the threshold
        assertThat(b.publish(List.of(node(cluster, "node-2", 25)), Set.of(cluster)))
                .isEmpty();
        assertThat(b.publish(List.of(node(cluster, "node-2", 30)), Set.of(cluster)))
                .hasSize(1);
        assertThat(a.publish(List.of(node(cluster, "node-2", 30)), Set.of(cluster)))
                .isEmpty();
        assertThat(events("node-2")).hasSize(2);
    }

    @Test
    void shouldReportANodeAgainWhenItCameBackToAClusterThatAnswered() {
        GpuUpdates a = replica();
        GpuUpdates b = replica();
        a.publish(List.of(node(cluster, "node-3", 20)), Set.of(cluster));

        // a replica that could not read the cluster says nothing about its nodes
        b.publish(List.of(), Set.of());
        assertThat(a.publish(List.of(node(cluster, "node-3", 20)), Set.of(cluster)))
                .isEmpty();
        // the cluster answered without the node: it went, and is news when it comes back
        b.publish(List.of(), Set.of(cluster));
        assertThat(a.publish(List.of(node(cluster, "node-3", 20)), Set.of(cluster)))
                .hasSize(1);
        assertThat(events("node-3")).hasSize(2);
    }

    @Test
    void shouldLeaveTheChangeToTheNextCollectionWhenThePublishFailed() {
        // a replica whose event bus cannot reach Redis (nothing listens on the port): the claim is put back
        deadRedis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", FreePorts.find()));
        deadRedis.afterPropertiesSet();
        deadRedis.start();
        StringRedisTemplate unreachable = new StringRedisTemplate(deadRedis);
        GpuUpdates broken = new GpuUpdates(new EventBus(unreachable, json, 1000), redis, json, settings);

        assertThat(broken.publish(List.of(node(cluster, "node-4", 20)), Set.of(cluster)))
                .isEmpty();
        assertThat(events("node-4")).isEmpty();
        assertThat(replica().publish(List.of(node(cluster, "node-4", 20)), Set.of(cluster)))
                .hasSize(1);
        assertThat(events("node-4")).hasSize(1);
    }

    private List<String> events(String node) {
        return redis.opsForStream().range(EventDomain.GPU.stream(), Range.unbounded()).stream()
                .map(r -> String.valueOf(r.getValue().get("envelope")))
                .filter(e -> e.contains(cluster.toString()) && e.contains("\"" + node + "\""))
                .toList();
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
