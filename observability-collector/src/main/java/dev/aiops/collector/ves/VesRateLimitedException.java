package dev.aiops.collector.ves;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.util.List;
import java.util.Map;

/** A source sent more than its rate; answered 429 with {@code Retry-After}. */
class VesRateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    VesRateLimitedException(long retryAfterSeconds) {
        super(
                ErrorCode.RATE_LIMITED,
                "A sourceName of this request exceeds its event rate; nothing was accepted, retry after "
                        + retryAfterSeconds + " s",
                List.of(),
                Map.of("retry_after_seconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
