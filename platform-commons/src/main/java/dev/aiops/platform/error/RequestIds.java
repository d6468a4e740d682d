package dev.aiops.platform.error;

/** Names shared by everything that carries the request id. */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";

    private RequestIds() {}
}
