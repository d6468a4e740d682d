package dev.aiops.intent.parsing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.intent.support.TestServices;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The real intelligence engine (its executable jar as a child JVM, on its own database) with one model, served by a
 * WireMock server speaking the OpenAI chat-completions wire format; and the intent service's model parser pointed
 * at the engine. The parser's timeout is generous for a loaded machine; its breaker opens after two failures in a
 * row and stays open for the rest of the run, so the test that opens it runs last. The engine's own breaker is kept
 * out of the way (a wide window), so what the tests see is the intent service's.
 */
public final class RealEngineLanguageModel implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String COMPLETIONS = "/v1/chat/completions";
    static final String MODEL = "qwen2.5-7b-instruct";
    static final String PARSER_TIMEOUT = "15s";

    private static final WireMockServer LLM = new WireMockServer(options().dynamicPort());
    private static ServiceJarServer engine;

    static WireMockServer llm() {
        return LLM;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                context,
                "aiops.services.intelligence-engine.url=" + startEngine(),
                "aiops.intent.parser.llm.enabled=true",
                "aiops.intent.parser.llm.timeout=" + PARSER_TIMEOUT,
                "aiops.intent.parser.llm.circuit-breaker.window=2",
                "aiops.intent.parser.llm.circuit-breaker.failure-rate-threshold=100",
                "aiops.intent.parser.llm.circuit-breaker.open-for=1h");
    }

    static synchronized String startEngine() {
        if (engine == null) {
            if (!LLM.isRunning()) {
                LLM.start();
            }
            PostgresDatabase database = SharedPostgres.get().createDatabaseIfAbsent("aiops_intelligence");
            SharedRedis redis = SharedRedis.get();
            engine = ServiceJarServer.builder(ServiceJarServer.jarOf("intelligence-engine"))
                    .port(ServiceJarServer.freePort())
                    .property("spring.datasource.url", database.jdbcUrl())
                    .property("spring.datasource.username", database.username())
                    .property("spring.datasource.password", database.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", TestServices.DEV_SECRET)
                    .property("aiops.intelligence.chat.models[0].name", "primary")
                    .property("aiops.intelligence.chat.models[0].base-url", LLM.baseUrl() + "/v1")
                    .property("aiops.intelligence.chat.models[0].model", MODEL)
                    .property("aiops.intelligence.chat.models[0].timeout", "60s")
                    .property("aiops.intelligence.chat.models[0].max-retries", "0")
                    .property("aiops.intelligence.chat.circuit-breaker.window", "1000")
                    .property("logging.structured.format.console", "")
                    .start();
        }
        return engine.url().toString();
    }
}
