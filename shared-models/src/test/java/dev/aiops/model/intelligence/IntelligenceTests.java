package dev.aiops.model.intelligence;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntelligenceTests {

    @Nested
    class Sessions {

        private final Instant created = Instant.parse("2026-01-10T08:00:00Z");

        @Test
        void shouldExpireOneDayAfterLastActivityWhenSessionIsYoung() {
            Instant lastActivity = created.plus(Duration.ofHours(3));

            assertThat(ChatSession.expiryOf(created, lastActivity)).isEqualTo(lastActivity.plus(Duration.ofHours(24)));
        }

        @Test
        void shouldExpireSevenDaysAfterCreationWhenSessionStaysActive() {
            Instant lastActivity = created.plus(Duration.ofDays(6).plusHours(12));

            assertThat(ChatSession.expiryOf(created, lastActivity)).isEqualTo(created.plus(Duration.ofDays(7)));
        }

        @Test
        void shouldUseDefaultPersonaWhenSessionRequestNamesNone() {
            assertThat(new ChatSessionRequest("t", null, null).personaId()).isEqualTo(PersonaIds.DEFAULT);
        }
    }

    @Nested
    class Tools {

        @Test
        void shouldKeepNullArgumentsWhenToolCallIsCreated() {
            Map<String, Object> arguments = new HashMap<>();
            arguments.put("namespace", null);

            assertThat(new ToolCall("call_1", "list_alerts", arguments).arguments())
                    .containsEntry("namespace", null);
        }

        @Test
        void shouldReadAnyJsonWhenToolResultIsGeneric() {
            ToolResult result = MAPPER.readValue(
                    "{\"tool_call_id\":\"c\",\"status\":\"ERROR\",\"result\":null,\"error\":\"cluster unreachable\"}",
                    ToolResult.class);

            assertThat(result.status()).isEqualTo(ToolResultStatus.ERROR);
            assertThat(result.error()).isEqualTo("cluster unreachable");
        }
    }

    @Nested
    class Personas {

        @Test
        void shouldWriteIsBuiltinOnceWhenPersonaIsSerialized() {
            var tree = MAPPER.valueToTree(Fixtures.persona());

            assertThat(tree.has("is_builtin")).isTrue();
            assertThat(tree.has("builtin")).isFalse();
        }

        @Test
        void shouldMatchPatternWhenBuiltInIdsAreChecked() {
            assertThat(new String[] {
                        PersonaIds.DEFAULT,
                        PersonaIds.PLATFORM_OPS,
                        PersonaIds.GPU_EXPERT,
                        PersonaIds.NETWORK_CNF,
                        PersonaIds.TELCO_5G
                    })
                    .allMatch(id -> id.matches(PersonaIds.PATTERN));
        }
    }
}
