package dev.aiops.intent.parsing;

import dev.aiops.platform.web.ServiceClients;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ParserConfiguration {

    /** Model parses running at once at most; more concurrent sentences go to the rules parser. */
    static final int MAX_CONCURRENT_MODEL_PARSES = 16;

    /**
     * The parser {@code IntentService} uses. Resilience4j's core modules are wired by hand, as elsewhere in the
     * platform: its Spring Boot 3 starter refuses to start under Boot 4 (STACK.md).
     */
    @Bean(destroyMethod = "close")
    @Primary
    ParserChain intentParser(
            RulesIntentParser rules, ParserProperties properties, ServiceClients clients, JsonMapper json) {
        ParserProperties.Llm llm = properties.llm();
        if (!llm.enabled()) {
            return new ParserChain(rules, null);
        }
        return new ParserChain(
                rules, model(llm, clients.forService(llm.service(), llm.connectTimeout(), llm.timeout()), json));
    }

    /** The model parser behind its time limiter and breaker, calling the engine through {@code engineClient}. */
    static ParserChain.Model model(ParserProperties.Llm llm, RestClient engineClient, JsonMapper json) {
        EngineClient engine = new EngineClient(engineClient, json);
        LlmIntentParser parser =
                new LlmIntentParser(engine, new IntentSchema(json), json, llm.maxTokens(), llm.minConfidence());
        CircuitBreaker breaker = CircuitBreaker.of(
                "intent-llm-parser",
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(llm.circuitBreaker().failureRateThreshold())
                        .slidingWindowSize(llm.circuitBreaker().window())
                        .minimumNumberOfCalls(llm.circuitBreaker().window())
                        .waitDurationInOpenState(llm.circuitBreaker().openFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        // the breaker is about an engine that is down or slow; a model that answered with bad JSON
                        // twice did answer, and its sentence still gets the rules parser
                        .ignoreException(ParserConfiguration::invalidOutput)
                        .build());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(llm.timeout())
                .cancelRunningFuture(true)
                .build());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(
                0, MAX_CONCURRENT_MODEL_PARSES, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "aiops-intent-llm-parse-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return new ParserChain.Model(parser, breaker, limiter, executor);
    }

    private static boolean invalidOutput(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LlmIntentParser.InvalidModelOutput) {
                return true;
            }
        }
        return false;
    }
}
