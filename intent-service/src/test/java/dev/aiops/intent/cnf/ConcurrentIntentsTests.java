package dev.aiops.intent.cnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentApi;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.RealPlatform;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many intents at once through the real registry and the real porch-adapter (its git repository): every
 * one must get its package published, none may fail because another intent's package was being written at
 * the same moment (the {@code intent} benchmark lost 7 of 100 that way). No timing is asserted: only that
 * all of them arrive, each with exactly one published revision.
 */
@IntentIntegrationTest
class ConcurrentIntentsTests {

    private static final int INTENTS = 20;
    private static final KubernetesCluster CLUSTER = new KubernetesCluster();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private IntentApi api;

    @AfterAll
    static void stopCluster() {
        CLUSTER.close();
    }

    @BeforeEach
    void startServices() {
        api = new IntentApi(client, tokens, jdbc);
        RealPlatform.realPorch();
        RealPlatform.onlineCluster(tokens, json, "k8s-edge9", "edge9", CLUSTER);
    }

    @Test
    void shouldPublishThePackageOfEveryOneOfTwentyIntentsPostedAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INTENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> posted = new ArrayList<>();
        try {
            for (int i = 0; i < INTENTS; i++) {
                posted.add(pool.submit(() -> {
                    go.await();
                    return api.create("Deploy UPF on edge9");
                }));
            }
            go.countDown();
        } finally {
            pool.shutdown();
        }
        List<UUID> intents = new ArrayList<>();
        for (Future<String> intent : posted) {
            intents.add(UUID.fromString(intent.get(2, TimeUnit.MINUTES)));
        }
        UUID[] ids = intents.toArray(UUID[]::new);

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .failFast("a CNF failed", () -> !failures(ids).isEmpty())
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "select count(*) from intent_report where stage = 'packagesPublished'"
                                        + " and intent_id = any(?)",
                                Integer.class,
                                (Object) ids))
                        .as("intents with their packages published; failures: %s", failures(ids))
                        .isEqualTo(INTENTS));

        List<Map<String, Object>> cnfs = jdbc.queryForList(
                "select package_name, package_revision, state, attempts from cnf where intent_id = any(?)",
                (Object) ids);
        assertThat(cnfs).hasSize(INTENTS).allSatisfy(cnf -> {
            assertThat(cnf.get("state")).isEqualTo("CONFIGURING");
            assertThat(cnf.get("package_revision")).isEqualTo(1);
        });
        // each package published once, in git: exactly its v1 tag, no second revision from a retried step
        List<String> tags = RealPlatform.git("tag", "--list").lines().toList();
        for (Map<String, Object> cnf : cnfs) {
            String pkg = (String) cnf.get("package_name");
            assertThat(tags.stream().filter(t -> t.startsWith(pkg + "/"))).containsExactly(pkg + "/v1");
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from intent where status = 'FAILED' and id = any(?)", Integer.class, (Object)
                                ids))
                .isZero();
    }

    private List<String> failures(UUID[] ids) {
        return jdbc.queryForList(
                "select name || ': ' || coalesce(last_error, status_message, '') from cnf where state = 'FAILED' and intent_id = any(?)",
                String.class,
                (Object) ids);
    }
}
