package dev.aiops.collector.ves;

import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.error.ProblemFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The VES 7.x event listener (as ONAP's collector: 202 on success, nothing applied on any invalid event)
 * and the FCAPS event store's query. Senders authenticate with basic auth or a platform token, as
 * {@code aiops.collector.ves.auth} allows ({@link VesSenders}).
 */
@RestController
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@Tag(name = "VES / FCAPS", description = "VES 7.x event listener and the FCAPS event store")
class VesController {

    static final String EVENT = "/eventListener/v7";
    static final String BATCH = "/eventListener/v7/eventBatch";
    static final String FCAPS = "/api/v1/fcaps/events";

    private final VesIngestService ingest;
    private final FcapsEventStore store;
    private final ProblemFactory problems;
    private final CollectorProperties properties;
    private final Clock clock = Clock.systemUTC();

    VesController(
            VesIngestService ingest, FcapsEventStore store, ProblemFactory problems, CollectorProperties properties) {
        this.ingest = ingest;
        this.store = store;
        this.problems = problems;
        this.properties = properties;
    }

    @PostMapping(path = EVENT, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("@vesSenders.maySend(authentication)")
    @Operation(
            summary = "Receive one VES event ({\"event\": ...})",
            description = "Validated against the VES Common Event Format 30.2.1 schema (listener 7.0 to 7.2.1).",
            security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
    @ApiResponse(responseCode = "202", description = "Accepted (stored, or already stored)")
    @ApiResponse(responseCode = "400", description = "Schema violations, listed in errors[]")
    @ApiResponse(responseCode = "429", description = "The sourceName exceeds its rate; see Retry-After")
    void event(@RequestBody JsonNode body) {
        ingest.ingestSingle(body);
    }

    @PostMapping(path = BATCH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("@vesSenders.maySend(authentication)")
    @Operation(
            summary = "Receive a batch of VES events ({\"eventList\": [...]}); all or nothing",
            security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
    @ApiResponse(responseCode = "202", description = "Every event accepted")
    @ApiResponse(responseCode = "400", description = "At least one event is invalid; none was accepted")
    void batch(@RequestBody JsonNode body) {
        ingest.ingestBatch(body);
    }

    @PostMapping(path = FCAPS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("@vesSenders.maySend(authentication)")
    @Operation(
            summary = "Platform alias of the VES listener: {\"event\": ...} or {\"eventList\": [...]}",
            security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
    void alias(@RequestBody JsonNode body) {
        ingest.ingestEither(body);
    }

    @GetMapping(FCAPS)
    @PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
    @Operation(
            summary = "Stored VES events, newest first",
            description = "Paged by page/page_size or, for deep or stable paging, by the next_cursor of the"
                    + " previous page. total is counted up to a bound (aiops.collector.ves.count-limit,"
                    + " 10,000 by default): when more events match, total is that lower bound and"
                    + " total_exact is false.")
    FcapsEventPage list(
            @Parameter(description = "VES sourceName") @RequestParam(name = "source_name", required = false)
                    String sourceName,
            @Parameter(description = "VES domain, e.g. fault") @RequestParam(required = false) String domain,
            @Parameter(description = "eventSeverity of fault and threshold-crossing events, e.g. CRITICAL")
                    @RequestParam(required = false)
                    String severity,
            @Parameter(description = "received at or after (ISO-8601); default: the retention period")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant since,
            @Parameter(description = "received before (ISO-8601)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant until,
            @Parameter(description = "next_cursor of the previous page; the page starts after it (page must be 1)")
                    @RequestParam(required = false)
                    String cursor,
            PageQuery paging) {
        Instant now = clock.instant();
        FcapsEventFilter filter = new FcapsEventFilter(
                blankToNull(sourceName),
                blankToNull(domain),
                severity == null || severity.isBlank() ? null : severity.toUpperCase(Locale.ROOT),
                since == null ? now.minus(properties.ves().retention()) : since,
                until == null ? now.plusSeconds(1) : until);
        FcapsEventStore.Position after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = FcapsEventStore.Position.decode(cursor);
            if (after == null) {
                throw ApiException.validation(List.of(new FieldViolation("cursor", "is not a cursor of this list")));
            }
            if (paging.page() != 1) {
                throw ApiException.validation(
                        List.of(new FieldViolation("page", "must be 1 (or absent) with a cursor")));
            }
        }
        FcapsEventStore.Found found = store.find(
                filter,
                after,
                paging.offset(),
                paging.pageSize(),
                properties.ves().countLimit());
        long total = found.total();
        int totalPages = total == 0 ? 0 : (int) ((total + paging.pageSize() - 1) / paging.pageSize());
        return new FcapsEventPage(
                found.items(),
                total,
                found.totalExact(),
                paging.page(),
                paging.pageSize(),
                totalPages,
                found.next() == null ? null : found.next().encode());
    }

    @ExceptionHandler(VesRateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(VesRateLimitedException e) {
        ProblemDetail problem = problems.create(e);
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static List<String> ingestPaths() {
        return List.of(EVENT, BATCH, FCAPS);
    }
}
