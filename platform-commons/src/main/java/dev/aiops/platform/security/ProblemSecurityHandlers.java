package dev.aiops.platform.security;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ProblemFactory;
import dev.aiops.platform.error.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} header RFC 6750 asks for. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemFactory problems;
    private final JsonMapper json;

    public ProblemSecurityHandlers(ProblemFactory problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean invalidToken = ex instanceof InvalidBearerTokenException;
        String detail = invalidToken ? "The bearer token is invalid or expired" : "A bearer token is required";
        response.setHeader("WWW-Authenticate", invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, problems.create(ErrorCode.UNAUTHORIZED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        write(response, problems.create(ErrorCode.FORBIDDEN, "You do not have permission for this operation"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(ProblemJson.MEDIA_TYPE.toString());
        json.writeValue(response.getOutputStream(), ProblemJson.toMap(problem));
    }
}
