package dev.aiops.platform.test;

import dev.aiops.platform.security.GatewayAccessRules;
import dev.aiops.platform.security.GatewayAccessRules.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Compares a service's own role rules ({@code @PreAuthorize} on its controllers) with the gateway's
 * {@link GatewayAccessRules}, endpoint by endpoint. The role a service asks for is the lowest human role
 * its expression names ({@code hasAnyRole('VIEWER', 'SERVICE')} is viewer); an endpoint only the
 * {@code service} role may call must be closed at the gateway (DENY); one that also admits a role of the
 * service's own (callers with credentials the gateway cannot check) must be open there (PUBLIC).
 */
public final class GatewayAccessCheck {

    private static final Pattern ROLE = Pattern.compile("'([A-Za-z_]+)'");
    private static final Set<String> PLATFORM_ROLES = Set.of("VIEWER", "OPERATOR", "ADMIN", "SERVICE");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    private GatewayAccessCheck() {}

    /** One line per endpoint whose rule differs from the gateway's, e.g. "DELETE /x: service operator, gateway ADMIN". */
    public static List<String> disagreements(ApplicationContext context) {
        List<String> found = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (!handler.getBeanType().getPackageName().startsWith("dev.aiops")) {
                    continue; // springdoc, actuator and error controllers are the platform's, not the API
                }
                Access service = serviceAccess(handler);
                if (service == null) {
                    continue; // no role rule of its own
                }
                Set<RequestMethod> methods =
                        entry.getKey().getMethodsCondition().getMethods();
                for (String pattern : entry.getKey().getPatternValues()) {
                    String sample = VARIABLE.matcher(pattern).replaceAll("x");
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        Access gateway = GatewayAccessRules.required(HttpMethod.valueOf(method.name()), sample);
                        if (gateway != service) {
                            found.add(method + " " + pattern + ": service " + service + ", gateway " + gateway);
                        }
                    }
                }
            }
        }
        return found.stream().sorted().collect(Collectors.toList());
    }

    /** The access a handler's own {@code @PreAuthorize} asks for, or null when it has no rule this reads. */
    static Access serviceAccess(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return null;
        }
        Set<String> roles = new java.util.HashSet<>();
        Matcher matcher = ROLE.matcher(rule.value());
        while (matcher.find()) {
            roles.add(matcher.group(1).toUpperCase(Locale.ROOT));
        }
        if (!PLATFORM_ROLES.containsAll(roles)) {
            // a role of the service's own (e.g. an Alertmanager with per-cluster webhook credentials): the caller
            // holds no platform token, so the gateway must let it through and the service authenticates it
            return Access.PUBLIC;
        }
        if (roles.contains("VIEWER")) {
            return Access.VIEWER;
        }
        if (roles.contains("OPERATOR")) {
            return Access.OPERATOR;
        }
        if (roles.contains("ADMIN")) {
            return Access.ADMIN;
        }
        if (roles.contains("SERVICE")) {
            return Access.DENY;
        }
        return null; // an expression this check does not read (permitAll, a bean method...)
    }
}
