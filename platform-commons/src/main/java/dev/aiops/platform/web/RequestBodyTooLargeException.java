package dev.aiops.platform.web;

import java.io.IOException;

/** Raised while reading a body without Content-Length once it passes the configured limit. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long maxBytes) {
        super("request body exceeds " + maxBytes + " bytes");
    }
}
