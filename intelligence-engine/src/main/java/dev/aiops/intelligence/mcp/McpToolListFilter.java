package dev.aiops.intelligence.mcp;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.intelligence.tool.ToolSpec;
import dev.aiops.intelligence.tool.Tools;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes from a {@code tools/list} answer the tools the caller's role may not call, so a viewer never
 * sees {@code create_intent}. The MCP SDK lists the same tools to everybody; this is the one place a
 * per-caller list can be made without replacing the SDK's transport. Calling a hidden tool anyway is
 * refused by {@link Tools} itself.
 */
class McpToolListFilter extends OncePerRequestFilter {

    private final Tools tools;
    private final JsonMapper json;

    McpToolListFilter(Tools tools, JsonMapper json) {
        this.tools = tools;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replay = new Replay(request, body);
        if (!isToolsList(body)) {
            chain.doFilter(replay, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(replay, captured);
        byte[] answer = captured.getContentAsByteArray();
        captured.resetBuffer();
        captured.getResponse().resetBuffer();
        byte[] filtered = filter(answer);
        response.setContentLength(filtered.length);
        response.getOutputStream().write(filtered);
        response.flushBuffer();
    }

    private boolean isToolsList(byte[] body) {
        try {
            JsonNode message = json.readTree(body);
            return message.isObject()
                    && "tools/list".equals(message.path("method").asString(""));
        } catch (JacksonException notJson) {
            return false; // the transport answers it with its own error
        }
    }

    private byte[] filter(byte[] answer) {
        JsonNode message;
        try {
            message = json.readTree(answer);
        } catch (JacksonException notJson) {
            return answer;
        }
        JsonNode listed = message.path("result").path("tools");
        if (!listed.isArray()) {
            return answer;
        }
        Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
        Set<String> allowed = tools.offered(caller, tools.names()).stream()
                .map(ToolSpec::name)
                .collect(Collectors.toSet());
        ArrayNode kept = json.createArrayNode();
        for (JsonNode tool : listed) {
            if (allowed.contains(tool.path("name").asString(""))) {
                kept.add(tool);
            }
        }
        ((ObjectNode) message.path("result")).set("tools", kept);
        return json.writeValueAsBytes(message);
    }

    /** The request with its body read once here and handed on again to the MCP transport. */
    private static final class Replay extends HttpServletRequestWrapper {

        private final byte[] body;

        Replay(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
