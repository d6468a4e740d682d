package dev.aiops.model.observability;

/** Prometheus {@code resultType}, upper-cased: {@code matrix} for range queries, {@code vector} for instant ones. */
public enum MetricResultType {
    MATRIX,
    VECTOR,
    SCALAR,
    STRING
}
