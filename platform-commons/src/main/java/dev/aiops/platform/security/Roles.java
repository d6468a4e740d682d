package dev.aiops.platform.security;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's roles. {@code admin} implies {@code operator} implies {@code viewer}; {@code service}
 * is the identity of another platform service and is implied by no user role, so internal endpoints
 * stay closed to users whatever their rank.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    /** Spring Security role hierarchy expression for the user roles. */
    public static final String HIERARCHY = "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER";

    private static final Set<String> KNOWN = Set.of(VIEWER, OPERATOR, ADMIN, SERVICE);

    private Roles() {}

    public static boolean isKnown(String role) {
        return role != null && KNOWN.contains(role.toLowerCase(Locale.ROOT));
    }

    /** {@code viewer} → {@code ROLE_VIEWER}. */
    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(Locale.ROOT);
    }

    /** The given roles plus every role they imply, for places without a role hierarchy (tokens, UIs). */
    public static Set<String> withImplied(Set<String> roles) {
        Set<String> all = new LinkedHashSet<>();
        for (String role : roles) {
            String r = role.toLowerCase(Locale.ROOT);
            all.add(r);
            if (r.equals(ADMIN)) {
                all.add(OPERATOR);
                all.add(VIEWER);
            } else if (r.equals(OPERATOR)) {
                all.add(VIEWER);
            }
        }
        return all;
    }
}
