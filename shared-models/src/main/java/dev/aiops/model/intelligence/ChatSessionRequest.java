package dev.aiops.model.intelligence;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Starts a conversation; without {@code persona_id} the {@code default} persona is used. */
@JsonNaming(SnakeCaseStrategy.class)
public record ChatSessionRequest(
        @Size(max = 200) String title,

        @Pattern(regexp = PersonaIds.PATTERN, message = PersonaIds.MESSAGE)
        String personaId,

        @Size(max = 50) List<UUID> clusterContext) {

    public ChatSessionRequest {
        personaId = personaId == null ? PersonaIds.DEFAULT : personaId;
        clusterContext = clusterContext == null ? List.of() : List.copyOf(clusterContext);
    }
}
