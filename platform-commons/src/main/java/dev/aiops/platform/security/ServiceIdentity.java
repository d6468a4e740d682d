package dev.aiops.platform.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Which platform service is calling: the {@code azp} of its service token (the client the identity
 * provider issued it to; {@link ServiceTokenProvider} sets it in dev mode), else the name in a {@code
 * sub} of the form {@code service:<name>}. Only for callers holding the {@code service} role.
 */
public final class ServiceIdentity {

    private ServiceIdentity() {}

    public static Optional<String> callingService(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)
                || token.getAuthorities().stream()
                        .noneMatch(a -> a.getAuthority().equals(Roles.authority(Roles.SERVICE)))) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        String azp = jwt.getClaimAsString("azp");
        if (azp != null && !azp.isBlank()) {
            return Optional.of(azp);
        }
        String subject = jwt.getSubject();
        if (subject != null && subject.startsWith("service:") && subject.length() > "service:".length()) {
            return Optional.of(subject.substring("service:".length()));
        }
        return Optional.empty();
    }
}
