package dev.aiops.intelligence.chat;

import dev.aiops.intelligence.persona.Personas;
import dev.aiops.intelligence.tool.Tools;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    @Bean
    ModelChain modelChain(ChatProperties properties, ObjectProvider<ObservationRegistry> observations) {
        return ModelChain.of(properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
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
