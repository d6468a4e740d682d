package dev.aiops.streaming.websocket;

import dev.aiops.platform.security.Roles;
import dev.aiops.platform.security.RolesClaimConverter;
import dev.aiops.platform.security.SecurityProperties;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks the token of a socket's {@code auth} message exactly as the HTTP endpoints check a bearer
 * token: the service's {@link JwtDecoder}, the platform's roles claim and role hierarchy. Watching the
 * event stream takes the viewer role (or a service identity).
 */
@Component
class TokenAuthenticator {

    private static final Set<String> ALLOWED = Set.of(Roles.authority(Roles.VIEWER), Roles.authority(Roles.SERVICE));

    private final JwtDecoder decoder;
    private final RolesClaimConverter roles;
    private final RoleHierarchy hierarchy;

    TokenAuthenticator(JwtDecoder decoder, SecurityProperties properties, RoleHierarchy hierarchy) {
        this.decoder = decoder;
        this.roles = new RolesClaimConverter(properties.rolesClaim());
        this.hierarchy = hierarchy;
    }

    /** Who the token is for and until when. */
    record Identity(String user, Instant expiresAt) {}

    /** The user and expiry; throws {@link AuthenticationFailed} with a message safe to show the client. */
    Identity authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationFailed("A token is required");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new AuthenticationFailed("The token is invalid or expired");
        }
        boolean allowed = hierarchy.getReachableGrantedAuthorities(roles.authorities(jwt)).stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ALLOWED::contains);
        if (!allowed) {
            throw new AuthenticationFailed("The token does not carry the viewer role");
        }
        return new Identity(roles.convert(jwt).getName(), jwt.getExpiresAt());
    }

    static final class AuthenticationFailed extends RuntimeException {
        AuthenticationFailed(String message) {
            super(message, null, false, false);
        }
    }
}
