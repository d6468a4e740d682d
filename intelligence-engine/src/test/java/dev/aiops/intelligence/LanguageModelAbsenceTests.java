package dev.aiops.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Spring AI is on the classpath, yet nothing needs an API key: no model is built until one is configured. */
@IntelligenceIntegrationTest
class LanguageModelAbsenceTests {

    @Autowired
    ApplicationContext context;

    @Test
    void shouldStartWithoutChatModelWhenNoLanguageModelIsConfigured() {
        assertThat(context.getBeanNamesForType(ChatModel.class)).isEmpty();
    }

    @Test
    void shouldRunTheStatelessMcpServerWithoutALanguageModel() {
        assertThat(context.getBeanNamesForType(io.modelcontextprotocol.server.McpStatelessSyncServer.class))
                .hasSize(1);
    }
}
