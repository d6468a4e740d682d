package dev.aiops.intelligence.chat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intelligence.ChatSession;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.platform.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConversationEngineTests {

    @Test
    void shouldAnswer503ModelNotAvailableWhenNoModelAnswersAndTheFallbackIsSwitchedOff() {
        ChatProperties properties = new ChatProperties(
                List.of(), false, 5, 6000, 1024, new ChatProperties.CircuitBreaker(50, 4, Duration.ofSeconds(30)));
        ConversationEngine engine = new ConversationEngine(
                new ModelChain(List.of()),
                null,
                null,
                properties,
                JsonMapper.builder().build(),
                Clock.systemUTC());
        Instant now = Instant.now();
        ChatSession session =
                new ChatSession(UUID.randomUUID(), "u", null, "default", List.of(), 0, now, now, now.plusSeconds(60));
        Persona persona = new Persona("default", "Default", null, "You help.", List.of(), null, true, "system");

        assertThatThrownBy(() -> engine.answer(
                        new Caller("u", "token", Set.of("viewer")),
                        session,
                        persona,
                        List.of(),
                        "which clusters are offline",
                        false,
                        TurnListener.NONE,
                        TurnCancellation.never()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                .isEqualTo(ErrorCode.MODEL_NOT_AVAILABLE));
    }
}
