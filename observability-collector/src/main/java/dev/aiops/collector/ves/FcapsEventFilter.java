package dev.aiops.collector.ves;

import java.time.Instant;

/** Filters of {@code GET /api/v1/fcaps/events}; {@code since} / {@code until} bound the time of receipt. */
record FcapsEventFilter(String sourceName, String domain, String severity, Instant since, Instant until) {}
