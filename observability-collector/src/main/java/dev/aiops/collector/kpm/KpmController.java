package dev.aiops.collector.kpm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/kpm/reports")
@PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
@Tag(name = "E2 KPM", description = "E2 KPM indication reports, aggregated in 30 s windows per (node, cell)")
class KpmController {

    private final KpmService kpm;

    KpmController(KpmService kpm) {
        this.kpm = kpm;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Receive one KPM report",
            description = "Reports older than 90 s are stale and dropped; a window closes 30 s after its start"
                    + " and is then streamed as KPM_REPORT.")
    KpmIngestResponse report(@Valid @RequestBody KpmReportRequest report) {
        return kpm.ingest(List.of(report));
    }

    @PostMapping("/batch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Receive several KPM reports ({\"reports\": [...]})")
    KpmIngestResponse batch(@Valid @RequestBody KpmBatchRequest batch) {
        return kpm.ingest(batch.reports());
    }
}
