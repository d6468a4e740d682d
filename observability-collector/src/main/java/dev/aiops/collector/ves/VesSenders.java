package dev.aiops.collector.ves;

import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.collector.config.CollectorProperties.AuthMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Who may send VES events: basic-auth senders from {@code aiops.collector.ves.auth.users} (authority
 * {@value #AUTHORITY}) and/or platform tokens of an operator or a service, as the mode says.
 *
 * <p>Passwords are stored hashed ({@code {bcrypt}...}); a bcrypt check costs tens of milliseconds of CPU,
 * which at hundreds of batches per second would cost more than the ingestion. A successful check is
 * therefore remembered as the SHA-256 of the credentials, and later requests are compared with that digest
 * in constant time ({@link MessageDigest#isEqual}). A changed password simply fails the digest and goes
 * through the slow check again.
 */
@Component("vesSenders")
public class VesSenders {

    static final String AUTHORITY = "ROLE_VES_SENDER";
    private static final int MAX_REMEMBERED = 1_000;

    private final AuthMode mode;
    private final Map<String, String> hashes;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final RoleHierarchy roles;
    // compared against when the user is unknown, so that unknown and known users take the same time
    private final String dummyHash;

    VesSenders(CollectorProperties properties, RoleHierarchy roles) {
        this.mode = properties.ves().auth().mode();
        this.hashes = properties.ves().auth().users().stream()
                .collect(Collectors.toUnmodifiableMap(
                        CollectorProperties.User::username, CollectorProperties.User::password));
        this.roles = roles;
        this.dummyHash = encoder.encode("not-a-password");
    }

    AuthMode mode() {
        return mode;
    }

    /** Whether {@code username} / {@code password} is a configured sender. */
    boolean authenticate(String username, String password) {
        byte[] digest = sha256(username + '\0' + password);
        byte[] known = verified.get(username);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        String hash = hashes.get(username);
        boolean ok = encoder.matches(password, hash == null ? dummyHash : hash) && hash != null;
        if (ok) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(username, digest);
        }
        return ok;
    }

    /** The {@code @PreAuthorize} rule of the ingestion endpoints. */
    public boolean maySend(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        Set<String> authorities = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (authorities.contains(AUTHORITY)) {
            return mode.allowsBasic();
        }
        return mode.allowsBearer() && (authorities.contains("ROLE_OPERATOR") || authorities.contains("ROLE_SERVICE"));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
