package dev.aiops.intelligence.mcp;

import dev.aiops.intelligence.tool.Caller;
import dev.aiops.intelligence.tool.ToolOutcome;
import dev.aiops.intelligence.tool.ToolSpec;
import dev.aiops.intelligence.tool.Tools;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResultStatus;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStatelessServerTransport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server at {@code /mcp}: Spring AI's WebMVC server starter in its stateless Streamable HTTP mode
 * (every request a POST answered with JSON, no server-side session), serving the chat's tools. Stateless
 * because each request carries its own bearer token: the transport hands the caller to the tool handlers,
 * which run the tools as that user, and {@link McpToolListFilter} hides tools the caller's role may not call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.ai.mcp.server", name = "enabled", havingValue = "true")
class McpConfiguration {

    static final String CALLER = "aiops.caller";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** The starter's transport, plus the caller of each request (taken on the request's own thread). */
    @Bean
    WebMvcStatelessServerTransport webMvcStatelessServerTransport(
            JsonMapper json, McpServerStreamableHttpProperties properties) {
        return WebMvcStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(properties.getMcpEndpoint())
                .contextExtractor(request -> McpTransportContext.create(Map.of(
                        CALLER, Caller.of(SecurityContextHolder.getContext().getAuthentication()))))
                .build();
    }

    @Bean
    List<McpStatelessServerFeatures.SyncToolSpecification> aiopsMcpTools(Tools tools, JsonMapper json) {
        return tools.all().stream()
                .map(spec -> specification(spec, tools, json))
                .toList();
    }

    @Bean
    FilterRegistrationBean<McpToolListFilter> mcpToolListFilter(
            Tools tools, JsonMapper json, McpServerStreamableHttpProperties properties) {
        FilterRegistrationBean<McpToolListFilter> registration =
                new FilterRegistrationBean<>(new McpToolListFilter(tools, json));
        registration.addUrlPatterns(properties.getMcpEndpoint());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10); // after Spring Security has authenticated
        return registration;
    }

    private static McpStatelessServerFeatures.SyncToolSpecification specification(
            ToolSpec spec, Tools tools, JsonMapper json) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(json.readValue(spec.inputSchema(), OBJECT))
                .build();
        return McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((context, request) -> {
                    Caller caller = (Caller) context.get(CALLER);
                    ToolOutcome outcome = tools.execute(
                            caller, new ToolCall("mcp-" + UUID.randomUUID(), request.name(), request.arguments()));
                    boolean failed = outcome.result().status() != ToolResultStatus.SUCCESS;
                    return McpSchema.CallToolResult.builder()
                            .addTextContent(failed ? outcome.result().error() : outcome.modelText())
                            .isError(failed)
                            .build();
                })
                .build();
    }
}
