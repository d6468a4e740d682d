/**
 * The contracts every AIOps NextGen service speaks: plain records and enums with Bean Validation
 * constraints and Jackson annotations, no Spring.
 *
 * <p>Platform JSON ({@code /api/v1/**}) is snake_case with UPPER_SNAKE enums: each record carries
 * {@code @JsonNaming(SnakeCaseStrategy.class)} rather than relying on a global naming strategy, because
 * the standard APIs (TMF921, O2 IMS, Prometheus, VES) speak their own dialects.
 */
package dev.aiops.model;
