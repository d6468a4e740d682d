package dev.aiops.registry.credentials;

import dev.aiops.registry.config.RegistryProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The credential keys. Production must configure them; a missing or malformed key stops start-up. In
 * dev mode ({@code aiops.security.dev-mode=true}, the one switch, which the local launcher sets) a fixed,
 * publicly known development key is used when none is configured, so that the platform runs on a laptop
 * with one command; it protects nothing. No profile turns it on.
 */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    static final String DEV_KEY_ID = "dev-insecure";

    private static final Logger log = LoggerFactory.getLogger(CredentialsConfiguration.class);

    @Bean
    CredentialCipher credentialCipher(RegistryProperties properties, Environment environment) {
        RegistryProperties.Credentials config = properties.credentials();
        boolean devMode = environment.getProperty("aiops.security.dev-mode", Boolean.class, false);
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        config.keys().forEach((id, base64) -> keys.put(id, decode(id, base64)));
        String active = config.activeKeyId();
        if (keys.isEmpty()) {
            if (!devMode) {
                throw new IllegalStateException("No credentials encryption key configured: set "
                        + "aiops.registry.credentials.keys.<id>=<base64 of 32 random bytes> and "
                        + "aiops.registry.credentials.active-key-id=<id> (for example from a Kubernetes Secret)");
            }
            log.warn("Using the built-in development key for cluster credentials; never use this outside development");
            keys.put(DEV_KEY_ID, devKey());
            active = DEV_KEY_ID;
        } else if (devMode) {
            keys.putIfAbsent(DEV_KEY_ID, devKey()); // still opens secrets stored before keys were configured
        }
        if (active == null || active.isBlank()) {
            if (config.keys().size() != 1) {
                throw new IllegalStateException(
                        "Several credentials keys configured: set aiops.registry.credentials.active-key-id");
            }
            active = config.keys().keySet().iterator().next();
        }
        return new CredentialCipher(keys, active);
    }

    private static SecretKey decode(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("aiops.registry.credentials.keys." + id + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    "aiops.registry.credentials.keys." + id + " must be 32 bytes (AES-256), got " + bytes.length);
        }
        SecretKey key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private static SecretKey devKey() {
        try {
            byte[] bytes = MessageDigest.getInstance("SHA-256")
                    .digest("aiops-nextgen development credentials key".getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(bytes, "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
