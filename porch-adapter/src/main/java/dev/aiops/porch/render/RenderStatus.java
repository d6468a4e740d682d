package dev.aiops.porch.render;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What rendering did with each function of the Kptfile pipeline, in pipeline order. A function that needs a
 * container is listed as {@code NOT_RUN}, so a caller never mistakes a partly rendered package for a fully
 * rendered one.
 *
 * @param complete true when every function of the pipeline ran
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RenderStatus(boolean complete, List<FunctionResult> items) {

    public enum Outcome {
        APPLIED,
        NOT_RUN
    }

    /**
     * @param stage {@code mutator} or {@code validator}
     * @param function the image (or exec path) as the Kptfile names it
     */
    @JsonNaming(SnakeCaseStrategy.class)
    public record FunctionResult(String stage, String function, Outcome outcome, String message) {}
}
