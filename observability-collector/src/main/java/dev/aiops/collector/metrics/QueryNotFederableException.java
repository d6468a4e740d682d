package dev.aiops.collector.metrics;

/**
 * A valid query whose fleet-wide answer cannot be computed exactly from what each cluster returns; the
 * caller gets a 422 saying why instead of a wrong number.
 */
class QueryNotFederableException extends RuntimeException {

    QueryNotFederableException(String message) {
        super(message);
    }
}
