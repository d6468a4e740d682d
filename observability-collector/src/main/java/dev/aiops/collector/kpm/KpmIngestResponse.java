package dev.aiops.collector.kpm;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What became of posted reports.
 *
 * @param stale older than 90 s: dropped, they never trigger anything
 * @param late for a window already closed: dropped
 */
@JsonNaming(SnakeCaseStrategy.class)
public record KpmIngestResponse(int accepted, int stale, int late) {}
