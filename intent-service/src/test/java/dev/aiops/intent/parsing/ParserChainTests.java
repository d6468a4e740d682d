package dev.aiops.intent.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.intent.ParseMethod;
import dev.aiops.testkit.FreePorts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parser chain with the engine down: nothing listens on its port. Wired as the service wires it
 * ({@link ParserConfiguration#model}); {@code LlmParsingTests} covers a running engine, a failing model and a slow
 * one.
 */
class ParserChainTests {

    static final String SENTENCE = "Deploy eMBB on edge1 with 200Mbps and 30ms latency";

    final JsonMapper json = JsonMapper.builder().build();
    final ParserProperties.Llm settings = new ParserProperties.Llm(
            true,
            "intelligence-engine",
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            512,
            0.5,
            new ParserProperties.CircuitBreaker(50, 2, Duration.ofHours(1)));
    final ParserChain.Model model = ParserConfiguration.model(
            settings,
            RestClient.builder().baseUrl("http://127.0.0.1:" + FreePorts.find()).build(),
            json);
    final ParserChain chain = new ParserChain(new RulesIntentParser(), model);

    @AfterEach
    void close() {
        chain.close();
    }

    @Test
    void shouldAnswerWithTheRulesParserAndOpenTheBreakerWhenTheEngineIsDown() {
        for (int i = 0; i < 2; i++) {
            ParseOutcome outcome = chain.parse(SENTENCE);
            assertThat(outcome.understood()).isTrue();
            assertThat(outcome.intent().parse().method()).isEqualTo(ParseMethod.RULES);
        }
        assertThat(model.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(model.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);

        ParseOutcome whileOpen = chain.parse(SENTENCE);

        assertThat(whileOpen.intent().parse().method()).isEqualTo(ParseMethod.RULES);
        assertThat(model.breaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void shouldRefuseWithTheRulesParsersDetailsWhatNeitherUnderstands() {
        ParseOutcome outcome = chain.parse("what a lovely day for a picnic");

        assertThat(outcome.understood()).isFalse();
        assertThat(outcome.missing()).contains("intent_type");
    }
}
