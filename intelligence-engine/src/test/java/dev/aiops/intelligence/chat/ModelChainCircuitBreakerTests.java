package dev.aiops.intelligence.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.intelligence.support.OpenAiWire;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * The model chain's circuit breaker on its own: Spring AI's OpenAI client against a WireMock server in the
 * role of two OpenAI-compatible models, no Spring context. A window of 2 calls at 50 % opens the primary's
 * breaker after two failures; it stays open for 5 s, long enough to see turns skip the primary.
 */
class ModelChainCircuitBreakerTests {

    private static final String PRIMARY = "/primary/v1/chat/completions";
    private static final String SECONDARY = "/secondary/v1/chat/completions";
    private static final List<Message> QUESTION = List.of(new UserMessage("How is the fleet?"));

    private WireMockServer llm;
    private ModelChain chain;

    @BeforeEach
    void start() {
        llm = new WireMockServer(options().dynamicPort());
        llm.start();
        ChatProperties properties = new ChatProperties(
                List.of(model("primary", "qwen2.5-7b-instruct"), model("secondary", "llama3.1-8b")),
                true,
                5,
                6000,
                256,
                new ChatProperties.CircuitBreaker(50, 2, Duration.ofSeconds(5)));
        chain = ModelChain.of(properties, ObservationRegistry.NOOP);
        llm.stubFor(post(urlEqualTo(SECONDARY)).willReturn(json(OpenAiWire.answer("llama3.1-8b", "secondary"))));
    }

    @AfterEach
    void stop() {
        llm.stop();
    }

    @Test
    void shouldSkipThePrimaryWhileItsBreakerIsOpenAndUseItAgainAfterTheWait() {
        llm.stubFor(post(urlEqualTo(PRIMARY))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"overloaded\"}}")));

        // two failures fill the window at 100 % failures: the breaker opens
        assertThat(ask().slot()).isEqualTo("secondary");
        assertThat(ask().slot()).isEqualTo("secondary");
        assertThat(primaryRequests()).isEqualTo(2);

        // open: the next turns go straight to the secondary, the primary is not even asked
        assertThat(ask().slot()).isEqualTo("secondary");
        assertThat(ask().slot()).isEqualTo("secondary");
        assertThat(primaryRequests()).isEqualTo(2);
        assertThat(secondaryRequests()).isEqualTo(4);

        // the primary recovers; after the wait one trial call is let through, succeeds, and closes the breaker
        llm.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(OpenAiWire.answer("qwen2.5-7b-instruct", "primary"))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ask().slot().equals("primary"));
        int primaryAfterTrial = primaryRequests();
        int secondaryAfterTrial = secondaryRequests();

        ModelChain.Reply reply = ask();
        assertThat(reply.slot()).isEqualTo("primary");
        assertThat(reply.text()).isEqualTo("primary");
        assertThat(ask().slot()).isEqualTo("primary");
        assertThat(primaryRequests()).isEqualTo(primaryAfterTrial + 2);
        assertThat(secondaryRequests()).isEqualTo(secondaryAfterTrial);
    }

    private ModelChain.Reply ask() {
        return chain.ask(QUESTION, List.of(), 256, false, TurnListener.NONE, TurnCancellation.never());
    }

    private int primaryRequests() {
        return llm.findAll(postRequestedFor(urlEqualTo(PRIMARY))).size();
    }

    private int secondaryRequests() {
        return llm.findAll(postRequestedFor(urlEqualTo(SECONDARY))).size();
    }

    private ChatProperties.Model model(String name, String model) {
        return new ChatProperties.Model(
                name, URI.create(llm.baseUrl() + "/" + name + "/v1"), model, "test-key", Duration.ofSeconds(5), 0);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
