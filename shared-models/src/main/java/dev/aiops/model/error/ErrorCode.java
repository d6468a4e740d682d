package dev.aiops.model.error;

/**
 * Stable machine-readable error codes, sent as the {@code code} member of every problem+json
 * response. The HTTP status belongs to the code so every service answers the same condition alike.
 */
public enum ErrorCode {
    // Generic
    VALIDATION_FAILED(400, "Validation failed"),
    MALFORMED_REQUEST(400, "Malformed request"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Access denied"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    UPSTREAM_TIMEOUT(504, "Upstream timeout"),

    // Cluster registry
    CLUSTER_NOT_FOUND(404, "Cluster not found"),
    CLUSTER_ALREADY_EXISTS(409, "Cluster already exists"),
    INVALID_CLUSTER_NAME(400, "Invalid cluster name"),
    CREDENTIALS_INVALID(400, "Credentials invalid"),
    CREDENTIALS_NOT_FOUND(404, "Credentials not found"),
    CLUSTER_UNREACHABLE(503, "Cluster unreachable"),
    DISCOVERY_FAILED(500, "Discovery failed"),
    SUBSCRIPTION_NOT_FOUND(404, "Subscription not found"),

    // Intelligence
    SESSION_NOT_FOUND(404, "Session not found"),
    SESSION_EXPIRED(410, "Session expired"),
    PERSONA_NOT_FOUND(404, "Persona not found"),
    PERSONA_READONLY(403, "Persona is read-only"),
    MODEL_NOT_AVAILABLE(503, "Model not available"),
    TOOL_EXECUTION_FAILED(500, "Tool execution failed"),
    CONTEXT_TOO_LARGE(400, "Context too large"),
    ANOMALY_DETECTION_FAILED(500, "Anomaly detection failed"),

    // Intents, CNFs, packages
    INTENT_NOT_FOUND(404, "Intent not found"),
    INTENT_PARSE_FAILED(422, "Intent not understood"),
    CNF_NOT_FOUND(404, "CNF not found"),
    ILLEGAL_STATE_TRANSITION(409, "Illegal state transition"),
    RULE_NOT_FOUND(404, "Rule not found"),
    PACKAGE_NOT_FOUND(404, "Package not found"),
    REPOSITORY_NOT_FOUND(404, "Repository not found"),

    // Observability
    QUERY_FAILED(502, "Query failed"),
    QUERY_NOT_FEDERABLE(422, "Query cannot be federated exactly"),
    ALERT_NOT_FOUND(404, "Alert not found"),
    GPU_NODE_NOT_FOUND(404, "GPU node not found");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Short, human-readable summary used as the problem's {@code title}. */
    public String title() {
        return title;
    }
}
