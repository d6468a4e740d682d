package dev.aiops.collector.alert;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a webhook call changed: alerts received, and how many of them started firing or resolved (an
 * alert Alertmanager repeats in the same state counts in neither and emits no event).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record AlertWebhookResponse(int received, int fired, int resolved) {}
