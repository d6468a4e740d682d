package dev.aiops.collector.metrics;

import java.util.List;

/**
 * A federated request that cannot be answered, with what both APIs need to say so: the HTTP status,
 * Prometheus' {@code errorType} for the compatible API and the request field at fault for problem+json.
 */
class FederationException extends RuntimeException {

    enum Reason {
        BAD_QUERY(400, "bad_data"),
        NOT_FEDERABLE(422, "bad_data"),
        PARTIAL_ABORTED(503, "unavailable");

        final int status;
        final String errorType;

        Reason(int status, String errorType) {
            this.status = status;
            this.errorType = errorType;
        }
    }

    private final Reason reason;
    private final String field;
    private final List<String> clusters;

    FederationException(Reason reason, String field, String message) {
        this(reason, field, message, List.of());
    }

    FederationException(Reason reason, String field, String message, List<String> clusters) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.clusters = List.copyOf(clusters);
    }

    Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    String field() {
        return field;
    }

    /** The clusters that failed, for PARTIAL_ABORTED. */
    List<String> clusters() {
        return clusters;
    }
}
