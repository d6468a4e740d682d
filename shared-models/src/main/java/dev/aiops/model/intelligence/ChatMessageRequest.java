package dev.aiops.model.intelligence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A user's message. {@code persona_id} switches the session's persona from this message on. The length
 * cap keeps one message well inside a model's context; larger context is refused as CONTEXT_TOO_LARGE.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ChatMessageRequest(
        @NotBlank @Size(max = MAX_CONTENT_LENGTH) String content,

        @Pattern(regexp = PersonaIds.PATTERN, message = PersonaIds.MESSAGE)
        String personaId) {

    public static final int MAX_CONTENT_LENGTH = 32_000;
}
