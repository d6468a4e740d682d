package dev.aiops.platform.web;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ProblemFactory;
import dev.aiops.platform.error.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies above {@code aiops.web.max-request-size} with 413 problem+json: at once when
 * Content-Length says so, and while reading for chunked bodies that never declared a length.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemFactory problems;
    private final JsonMapper json;

    public RequestSizeLimitFilter(DataSize maxSize, ProblemFactory problems, JsonMapper json) {
        this.maxBytes = maxSize.toBytes();
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            reject(response);
            return;
        }
        try {
            chain.doFilter(
                    request.getContentLengthLong() >= 0 ? request : new LimitedRequest(request, maxBytes), response);
        } catch (ServletException | RuntimeException e) {
            if (causedByLimit(e) && !response.isCommitted()) {
                response.reset();
                reject(response);
                return;
            }
            throw e;
        }
    }

    private void reject(HttpServletResponse response) throws IOException {
        ProblemDetail problem = problems.create(
                ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
        response.setStatus(problem.getStatus());
        response.setContentType(ProblemJson.MEDIA_TYPE.toString());
        json.writeValue(response.getOutputStream(), ProblemJson.toMap(problem));
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > maxBytes) {
                        throw new RequestBodyTooLargeException(maxBytes);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
