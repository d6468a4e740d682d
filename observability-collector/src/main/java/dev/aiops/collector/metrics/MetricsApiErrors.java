package dev.aiops.collector.metrics;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ProblemFactory;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * problem+json for the platform metrics API: a bad query is a 400 naming the field; a query whose fleet
 * answer cannot be computed exactly a 422 ({@code QUERY_NOT_FEDERABLE}); an aborted partial response a 503
 * naming the clusters.
 */
@RestControllerAdvice(assignableTypes = MetricsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MetricsApiErrors {

    private final ProblemFactory problems;

    MetricsApiErrors(ProblemFactory problems) {
        this.problems = problems;
    }

    @ExceptionHandler(FederationException.class)
    ResponseEntity<ProblemDetail> federation(FederationException e) {
        ProblemDetail problem;
        switch (e.reason()) {
            case BAD_QUERY ->
                problem = problems.create(
                        ErrorCode.VALIDATION_FAILED,
                        (e.field() == null ? "" : e.field() + ": ") + e.getMessage(),
                        e.field() == null ? List.of() : List.of(new FieldViolation(e.field(), e.getMessage())));
            case NOT_FEDERABLE -> problem = problems.create(ErrorCode.QUERY_NOT_FEDERABLE, e.getMessage());
            default -> {
                problem = problems.create(ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
                problem.setProperty("clusters", e.clusters());
            }
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
