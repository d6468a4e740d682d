package dev.aiops.collector.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the Prometheus-compatible API in Prometheus' shape ({@code status: error}, {@code errorType},
 * {@code error}), which its clients parse; the platform API keeps problem+json.
 */
@RestControllerAdvice(assignableTypes = PrometheusApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PrometheusApiErrors {

    @ExceptionHandler(FederationException.class)
    ResponseEntity<Map<String, Object>> federation(FederationException e) {
        return error(e.reason().status, e.reason().errorType, e.getMessage());
    }

    static ResponseEntity<Map<String, Object>> error(int status, String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", errorType);
        body.put("error", message);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
