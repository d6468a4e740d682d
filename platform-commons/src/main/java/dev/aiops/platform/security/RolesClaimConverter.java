package dev.aiops.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the platform roles from a JWT claim (a list, or a space/comma separated string; dotted paths
 * reach nested claims) and turns them into {@code ROLE_*} authorities. Unknown roles are ignored, so a
 * token from a shared issuer cannot smuggle in authorities we do not define. The principal name is
 * {@code preferred_username} when present (OpenShift, Keycloak), else {@code sub}.
 */
public class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] claimPath;

    public RolesClaimConverter(String rolesClaim) {
        this.claimPath = rolesClaim.split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name =
                jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities(jwt), name);
    }

    public Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(jwt)) {
            if (Roles.isKnown(role)) {
                authorities.add(new SimpleGrantedAuthority(Roles.authority(role)));
            }
        }
        return authorities;
    }

    private List<String> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String part : claimPath) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return List.of();
    }
}
