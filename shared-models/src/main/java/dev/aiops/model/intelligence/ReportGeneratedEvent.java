package dev.aiops.model.intelligence;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of REPORT_GENERATED: a report is ready at {@code href}.
 *
 * @param clusterId the cluster the report covers, or null for a fleet report
 * @param reportType free text naming the kind of report, such as {@code fleet-health} or {@code gpu-usage}
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ReportGeneratedEvent(UUID reportId, String reportType, String title, UUID clusterId, String href) {}
