package dev.aiops.registry.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per seal. The associated data binds a ciphertext to its
 * cluster and key id, so a sealed secret copied onto another cluster's row, or relabelled with another
 * key id, fails to open instead of decrypting.
 */
final class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException(
                    "Active credentials key '" + activeKeyId + "' is not among the configured keys");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    String activeKeyId() {
        return activeKeyId;
    }

    Set<String> keyIds() {
        return keys.keySet();
    }

    Sealed seal(UUID clusterId, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(clusterId, activeKeyId));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt credentials", e);
        }
    }

    byte[] open(UUID clusterId, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Credentials were sealed with key '" + sealed.keyId()
                    + "', which is no longer configured (aiops.registry.credentials.keys)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad(clusterId, sealed.keyId()));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            // deliberately vague: the cause never says anything about the secret
            throw new IllegalStateException("Stored credentials of cluster " + clusterId + " failed authentication");
        }
    }

    private static byte[] aad(UUID clusterId, String keyId) {
        return ("aiops-cluster-credentials:" + clusterId + ":" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", <" + ciphertext.length + " bytes>]";
        }
    }
}
