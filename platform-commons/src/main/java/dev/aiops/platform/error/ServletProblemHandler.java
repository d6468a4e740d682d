package dev.aiops.platform.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one problem+json handler of every servlet service. Spring's own exceptions keep their status and
 * get the platform members; validation failures list their fields; anything unexpected becomes a bare
 * 500 whose detail says nothing about the cause (the cause is logged with the trace id).
 */
@RestControllerAdvice
public class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

    private final ProblemFactory problems;

    public ServletProblemHandler(ProblemFactory problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
        return respond(problems.create(ex));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldViolation> violations = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(
                        JsonFieldPaths.toJson(
                                v.getRootBeanClass(),
                                lastNodes(v.getPropertyPath().toString())),
                        v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return respond(problems.create(ErrorCode.VALIDATION_FAILED, summary(violations), violations));
    }

    // Security exceptions thrown inside controllers (method security) must not turn into 500s.
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex) {
        return respond(problems.create(ErrorCode.FORBIDDEN, "You do not have permission for this operation"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex) {
        return respond(problems.create(ErrorCode.UNAUTHORIZED, "A valid bearer token is required"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (DatabaseUnavailable.isCause(ex)) {
            // the database is down or the pool waited its bounded time: the caller should retry later,
            // and this is no bug of ours to log with a stack trace
            ProblemDetail problem = problems.create(
                    ErrorCode.SERVICE_UNAVAILABLE, "The service's database is unavailable; retry later");
            log.warn(
                    "Database unavailable (trace_id={}): {}",
                    problem.getProperties().get("trace_id"),
                    ex.getClass().getSimpleName());
            return ResponseEntity.status(problem.getStatus())
                    .header("Retry-After", "5")
                    .body(problem);
        }
        ProblemDetail problem = problems.create(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
        log.error("Unexpected error (trace_id={})", problem.getProperties().get("trace_id"), ex);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = violations(ex.getBindingResult());
        return cast(respond(problems.create(ErrorCode.VALIDATION_FAILED, summary(violations), violations)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String parameter = requestName(result.getMethodParameter());
            Class<?> type = result.getMethodParameter().getParameterType();
            if (result instanceof org.springframework.validation.method.ParameterErrors errors) {
                errors.getFieldErrors()
                        .forEach(fe -> violations.add(new FieldViolation(
                                JsonFieldPaths.toJson(type, fe.getField()), fe.getDefaultMessage())));
            } else {
                result.getResolvableErrors()
                        .forEach(error -> violations.add(new FieldViolation(parameter, error.getDefaultMessage())));
            }
        });
        violations.sort(Comparator.comparing(FieldViolation::field));
        return cast(respond(problems.create(ErrorCode.VALIDATION_FAILED, summary(violations), violations)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (org.springframework.core.NestedExceptionUtils.getRootCause(ex)
                instanceof dev.aiops.platform.web.RequestBodyTooLargeException tooLarge) {
            return cast(respond(problems.create(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage())));
        }
        if (ex.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson);
            String message = describe(jackson);
            List<FieldViolation> violations = List.of(new FieldViolation(field, message));
            return cast(respond(problems.create(ErrorCode.VALIDATION_FAILED, field + ": " + message, violations)));
        }
        return cast(respond(problems.create(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String field =
                ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch
                        ? requestName(mismatch.getParameter())
                        : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String message = type != null && type.isEnum()
                ? "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                : "must be a valid " + (type == null ? "value" : type.getSimpleName());
        List<FieldViolation> violations = List.of(new FieldViolation(field, message));
        return cast(respond(problems.create(ErrorCode.VALIDATION_FAILED, summary(violations), violations)));
    }

    /** Every other Spring MVC exception: keep Spring's status and detail, add the platform members. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd : ProblemDetail.forStatus(statusCode);
        ErrorCode code = ProblemFactory.codeFor(statusCode.value());
        if (problem.getTitle() == null) {
            problem.setTitle(code.title());
        }
        problems.enrich(problem, code);
        return ResponseEntity.status(statusCode).headers(headers).body(problem);
    }

    private static List<FieldViolation> violations(BindingResult result) {
        Class<?> root = result.getTarget() == null ? null : result.getTarget().getClass();
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            // Bean Validation errors keep their violation: name them node by node, map keys verbatim,
            // exactly as RequestValidation does for services that validate themselves
            String field = error.contains(ConstraintViolation.class)
                    ? JsonFieldPaths.toJson(error.unwrap(ConstraintViolation.class))
                    : JsonFieldPaths.toJson(root, error.getField());
            violations.add(new FieldViolation(field, error.getDefaultMessage()));
        }
        result.getGlobalErrors()
                .forEach(error -> violations.add(new FieldViolation(error.getObjectName(), error.getDefaultMessage())));
        violations.sort(Comparator.comparing(FieldViolation::field));
        return violations;
    }

    private static String jsonPath(JacksonException ex) {
        StringJoiner path = new StringJoiner(".");
        for (JacksonException.Reference ref : ex.getPath()) {
            path.add(ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]");
        }
        return path.toString().replace(".[", "[");
    }

    private static String describe(JacksonException ex) {
        if (ex instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (ex instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null
                && mismatch.getTargetType().isPrimitive()
                && !(ex instanceof InvalidFormatException)) {
            return "is required"; // absent or null where a number or boolean must be
        }
        if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            if (invalid.getTargetType().isEnum()) {
                return "must be one of "
                        + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
            }
            return "must be a valid " + invalid.getTargetType().getSimpleName();
        }
        return "has the wrong type or format";
    }

    /** Method validation paths look like {@code create.request.name}; the first two nodes are noise. */
    private static String lastNodes(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String summary(List<FieldViolation> violations) {
        return ApiException.summary(violations);
    }

    /** The name the client used: {@code @RequestParam("page_size") int pageSize} reports {@code page_size}. */
    private static String requestName(org.springframework.core.MethodParameter parameter) {
        org.springframework.web.bind.annotation.RequestParam param =
                parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return parameter.getParameterName();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
