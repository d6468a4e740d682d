package dev.aiops.gateway.error;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body passed {@code aiops.gateway.max-body-size} while it was being read. */
public class BodyTooLargeException extends ResponseStatusException {

    public BodyTooLargeException(long maxBytes) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
    }
}
