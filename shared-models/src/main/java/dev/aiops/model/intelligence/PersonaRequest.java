package dev.aiops.model.intelligence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Creates or replaces a custom persona. On update the {@code id} must equal the one in the path.
 * {@code is_builtin} and {@code created_by} are set by the server, never by the caller.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record PersonaRequest(
        @NotBlank @Pattern(regexp = PersonaIds.PATTERN, message = PersonaIds.MESSAGE)
        String id,

        @NotBlank @Size(max = 100) String name,
        @Size(max = 1000) String description,
        @NotBlank @Size(max = MAX_SYSTEM_PROMPT_LENGTH) String systemPrompt,
        List<@NotBlank String> capabilities,
        @Size(max = 64) String icon) {

    public static final int MAX_SYSTEM_PROMPT_LENGTH = 20_000;

    public PersonaRequest {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
