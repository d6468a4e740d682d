package dev.aiops.model.observability;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Payload of METRIC_UPDATE: the latest result of a watched query on one cluster. */
@JsonNaming(SnakeCaseStrategy.class)
public record MetricUpdateEvent(String query, MetricResult result) {}
