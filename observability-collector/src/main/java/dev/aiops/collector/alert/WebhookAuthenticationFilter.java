package dev.aiops.collector.alert;

import dev.aiops.platform.security.ProblemSecurityHandlers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-cluster credentials of the Alertmanager webhook, on {@code POST /api/v1/alerts/webhook?cluster=X}
 * when cluster X has credentials configured:
 *
 * <ul>
 *   <li>basic auth must match X's user and password, else 401;
 *   <li>a bearer token matching X's token authenticates as X's Alertmanager; any other bearer token goes on
 *       to the platform's JWT check (an operator's or a service's platform token is still accepted);
 *   <li>no credentials: 401.
 * </ul>
 *
 * A cluster without configured credentials (or no {@code cluster} parameter) needs a platform token, as
 * every other endpoint does. The authenticated Alertmanager gets {@value #AUTHORITY} and can do nothing else.
 */
class WebhookAuthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "ROLE_ALERT_WEBHOOK";

    private final WebhookCredentials credentials;
    private final ProblemSecurityHandlers handlers;

    WebhookAuthenticationFilter(WebhookCredentials credentials, ProblemSecurityHandlers handlers) {
        this.credentials = credentials;
        this.handlers = handlers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod())
                || !AlertController.WEBHOOK_PATH.equals(path)
                || credentials.configuredCluster(request.getParameter("cluster")) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String cluster = credentials.configuredCluster(request.getParameter("cluster"));
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decode(header.substring(6).trim());
            if (pair != null && credentials.matchesBasic(cluster, pair[0], pair[1])) {
                authenticate(cluster);
                chain.doFilter(new WithoutAuthorization(request), response);
            } else {
                reject(request, response);
            }
            return;
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (credentials.matchesBearer(cluster, header.substring(7).trim())) {
                authenticate(cluster);
                chain.doFilter(new WithoutAuthorization(request), response);
            } else {
                // not the cluster's token: the JWT filter after this one decides (and answers 401 if invalid)
                chain.doFilter(request, response);
            }
            return;
        }
        reject(request, response);
    }

    private static void authenticate(String cluster) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "alertmanager:" + cluster, null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
    }

    private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        handlers.commence(request, response, new BadCredentialsException("Invalid webhook credentials"));
    }

    /** Hides the consumed credentials from the JWT filter, which would otherwise try to read them again. */
    private static final class WithoutAuthorization extends HttpServletRequestWrapper {

        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }
    }

    private static String[] decode(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
