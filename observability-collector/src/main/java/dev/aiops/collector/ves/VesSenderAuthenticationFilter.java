package dev.aiops.collector.ves;

import dev.aiops.platform.security.ProblemSecurityHandlers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic auth of VES senders, on the ingestion endpoints only (a basic-auth sender can do nothing
 * else here). Placed before the bearer-token filter of the platform chain; requests with a bearer token
 * go on to it. Wrong credentials, or basic auth when the mode is BEARER, answer 401 problem+json.
 */
class VesSenderAuthenticationFilter extends OncePerRequestFilter {

    private final VesSenders senders;
    private final ProblemSecurityHandlers handlers;

    VesSenderAuthenticationFilter(VesSenders senders, ProblemSecurityHandlers handlers) {
        this.senders = senders;
        this.handlers = handlers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod())
                || !VesController.ingestPaths().contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            chain.doFilter(request, response);
            return;
        }
        String[] credentials = decode(header.substring(6).trim());
        if (!senders.mode().allowsBasic()
                || credentials == null
                || !senders.authenticate(credentials[0], credentials[1])) {
            SecurityContextHolder.clearContext();
            handlers.commence(
                    request,
                    new BasicChallenge(response),
                    new BadCredentialsException("Invalid VES sender credentials"));
            return;
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                credentials[0], null, List.of(new SimpleGrantedAuthority(VesSenders.AUTHORITY)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
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

    /** The platform's 401 asks for a bearer token; a VES agent using basic auth must be asked for basic. */
    private static final class BasicChallenge extends HttpServletResponseWrapper {

        BasicChallenge(HttpServletResponse response) {
            super(response);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"VES event listener\"");
        }

        @Override
        public void setHeader(String name, String value) {
            if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
