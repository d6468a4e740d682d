package dev.aiops.intent.cnf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.intent.support.IntentApi;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.PorchStubs;
import dev.aiops.intent.support.RealPlatform;
import dev.aiops.intent.support.SecondReplica;
import dev.aiops.intent.support.TestServices;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A restart in the middle of provisioning: the first instance's worker created the package and stopped
 * (porch-adapter refused the proposal, then the instance "died"); a second application context on the same
 * database takes over and continues at the next step: the package is proposed and published, never created
 * a second time.
 */
@IntentIntegrationTest
class CnfRestartTests {

    private static final KubernetesCluster CLUSTER = new KubernetesCluster();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    CnfWorker worker;

    @AfterAll
    static void stopCluster() {
        CLUSTER.close();
    }

    @Test
    void shouldResumeAHalfDoneProvisioningInASecondInstanceWithoutCreatingThePackageTwice() {
        registerCluster();
        WireMockServer porch = TestServices.porch();
        PorchStubs.stub(porch);
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose"))
                .willReturn(aResponse().withStatus(503)));

        String intent = new IntentApi(client, tokens, jdbc).create("Deploy NRF on edge7");
        UUID cnf = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.queryForList(
                                "select id from cnf where intent_id = ? and step = 'PACKAGE_CREATED' and attempts > 0",
                                UUID.class,
                                UUID.fromString(intent)),
                        found -> found.size() == 1)
                .get(0);
        worker.stop(); // the first instance goes away half-way
        porch.stubFor(
                post(urlPathMatching("/api/v1/packages/[^/]+/propose")).willReturn(PorchStubs.action("Proposed", 0)));

        try (ConfigurableApplicationContext second = SecondReplica.start(environment)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> jdbc.queryForObject("select state from cnf where id = ?", String.class, cnf),
                            "CONFIGURING"::equals);
        } finally {
            worker.start();
        }
        porch.verify(1, postRequestedFor(urlEqualTo("/api/v1/packages")));
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/approve")));
        assertThat(jdbc.queryForList(
                        "select to_state from cnf_state_history where cnf_id = ? order by id", String.class, cnf))
                .containsExactly("PENDING", "PROVISIONING", "CONFIGURING");
        assertThat(jdbc.queryForObject("select package_revision from cnf where id = ?", Integer.class, cnf))
                .isEqualTo(1);
    }

    private void registerCluster() {
        RealPlatform.onlineCluster(tokens, json, "k8s-edge7", "edge7", CLUSTER);
    }
}
