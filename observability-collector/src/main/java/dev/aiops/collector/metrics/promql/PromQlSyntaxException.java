package dev.aiops.collector.metrics.promql;

/** A query that is not valid PromQL; the message says where and why, as Prometheus words it. */
public class PromQlSyntaxException extends RuntimeException {

    public PromQlSyntaxException(String message) {
        super(message);
    }
}
