package dev.aiops.collector.metrics;

/**
 * A Prometheus answered with {@code status: error}. {@code errorType} is its own ({@code bad_data},
 * {@code execution}, {@code timeout}, ...); a {@code bad_data} error is the query's fault, not the
 * cluster's, so it does not count against the cluster's circuit breaker.
 */
class PrometheusApiException extends RuntimeException {

    private final String errorType;

    PrometheusApiException(String errorType, String message) {
        super(message);
        this.errorType = errorType == null ? "internal" : errorType;
    }

    String errorType() {
        return errorType;
    }

    boolean isQueryError() {
        return "bad_data".equals(errorType);
    }
}
