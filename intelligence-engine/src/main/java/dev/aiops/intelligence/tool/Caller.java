package dev.aiops.intelligence.tool;

import dev.aiops.platform.security.Roles;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The user a chat turn or an MCP call acts for: tools call the other services with this user's own bearer
 * token, so their RBAC applies, and the engine offers a tool only to roles allowed to use it.
 *
 * @param roles the user's roles with the implied ones ({@code operator} includes {@code viewer})
 */
public record Caller(String userId, String bearerToken, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller behind an authenticated request; only JWT bearer authentication carries a token to pass on. */
    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            throw new IllegalStateException("Tools need a bearer-token authentication, got "
                    + (authentication == null
                            ? "none"
                            : authentication.getClass().getSimpleName()));
        }
        Set<String> roles = jwt.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()).toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new Caller(jwt.getName(), jwt.getToken().getTokenValue(), Roles.withImplied(roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
