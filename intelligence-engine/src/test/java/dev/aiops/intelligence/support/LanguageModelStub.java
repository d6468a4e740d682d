package dev.aiops.intelligence.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A WireMock server in the role of an OpenAI-compatible chat-completions server (vLLM, Ollama, OpenAI),
 * configured as two models: {@code primary} under {@code /primary/v1} and {@code secondary} under
 * {@code /secondary/v1}, then the fallback. The primary retries once (so a 429 with Retry-After is seen
 * being honoured), the secondary never and gives up after 5 s; breaker windows are wide so failures in one
 * test do not switch a model off for the next.
 */
public class LanguageModelStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PRIMARY = "/primary/v1/chat/completions";
    public static final String SECONDARY = "/secondary/v1/chat/completions";

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "chat-llm-stub-stop"));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        String base = server().baseUrl();
        properties.put("aiops.intelligence.chat.models[0].name", "primary");
        properties.put("aiops.intelligence.chat.models[0].base-url", base + "/primary/v1");
        properties.put("aiops.intelligence.chat.models[0].model", "qwen2.5-7b-instruct");
        properties.put("aiops.intelligence.chat.models[0].api-key", "test-key");
        properties.put("aiops.intelligence.chat.models[0].timeout", "8s");
        properties.put("aiops.intelligence.chat.models[0].max-retries", "1");
        properties.put("aiops.intelligence.chat.models[1].name", "secondary");
        properties.put("aiops.intelligence.chat.models[1].base-url", base + "/secondary/v1");
        properties.put("aiops.intelligence.chat.models[1].model", "llama3.1-8b");
        properties.put("aiops.intelligence.chat.models[1].timeout", "5s");
        properties.put("aiops.intelligence.chat.models[1].max-retries", "0");
        properties.put("aiops.intelligence.chat.circuit-breaker.window", "1000");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chat-test-llm", properties));
    }
}
