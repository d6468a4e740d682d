package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.persona.Personas;
import dev.aiops.intelligence.tool.Tools;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    @Bean
    ModelChain modelChain(
            ChatProperties properties, Environment environment, ObjectProvider<ObservationRegistry> observations) {
        return ModelChain.of(
                withSpringAiShortcut(properties, environment),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * {@code SPRING_AI_OPENAI_BASE_URL} (and {@code _API_KEY}, {@code _CHAT_OPTIONS_MODEL}) alone configure one
     * model when no chain is configured: the launcher and docker-compose document that variable. The OpenAI
     * client expects the API root with its version path, so a bare server address gets {@code /v1}.
     */
    static ChatProperties withSpringAiShortcut(ChatProperties properties, Environment environment) {
        String baseUrl = environment.getProperty("spring.ai.openai.base-url");
        if (!properties.models().isEmpty() || baseUrl == null || baseUrl.isBlank()) {
            return properties;
        }
        String root = baseUrl.replaceAll("/+$", "");
        if (!root.matches(".*/v\\d+$")) {
            root = root + "/v1";
        }
        ChatProperties.Model model = new ChatProperties.Model(
                "openai",
                URI.create(root),
                environment.getProperty("spring.ai.openai.chat.options.model", "gpt-4o-mini"),
                environment.getProperty("spring.ai.openai.api-key", "none"),
                Duration.ofSeconds(60),
                1);
        return new ChatProperties(
                List.of(model),
                properties.fallbackEnabled(),
                properties.maxToolRounds(),
                properties.historyTokenBudget(),
                properties.maxAnswerTokens(),
                properties.circuitBreaker());
    }

    @Bean
    LanguageModels languageModels(ModelChain chain) {
        return new LanguageModels(chain);
    }

    @Bean
    FallbackAssistant fallbackAssistant(Tools tools, JsonMapper json, Clock clock) {
        return new FallbackAssistant(tools, json, clock);
    }

    @Bean
    ConversationEngine conversationEngine(
            ModelChain models,
            FallbackAssistant fallback,
            Tools tools,
            ChatProperties properties,
            JsonMapper json,
            Clock clock) {
        return new ConversationEngine(models, fallback, tools, properties, json, clock);
    }

    @Bean
    ChatTurns chatTurns(ChatSessionService sessions, Personas personas, ConversationEngine engine, Clock clock) {
        return new ChatTurns(sessions, personas, engine, clock);
    }

    /** Runs streamed turns: each holds a thread while it waits on the model and the tools. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService chatStreamExecutor() {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aiops-chat-stream-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
