package dev.aiops.collector.kpm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Several KPM reports in one request. */
public record KpmBatchRequest(@NotEmpty @Size(max = 10_000) List<@Valid KpmReportRequest> reports) {}
