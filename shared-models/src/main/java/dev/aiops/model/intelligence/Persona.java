package dev.aiops.model.intelligence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A chat persona: a system prompt plus the tools it may call ({@code capabilities}, by tool name).
 * Built-in personas are read-only.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Persona(
        @NotBlank @Pattern(regexp = PersonaIds.PATTERN, message = PersonaIds.MESSAGE)
        String id,

        @NotBlank @Size(max = 100) String name,
        @Size(max = 1000) String description,

        @NotBlank @Size(max = PersonaRequest.MAX_SYSTEM_PROMPT_LENGTH)
        String systemPrompt,

        List<@NotBlank String> capabilities,
        @Size(max = 64) String icon,
        boolean isBuiltin,
        String createdBy) {

    public Persona {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
