package dev.aiops.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class CredentialCipherTests {

    static final SecretKey K1 =
            new SecretKeySpec(Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), "AES");
    static final SecretKey K2 =
            new SecretKeySpec(Base64.getDecoder().decode("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="), "AES");

    final CredentialCipher cipher = new CredentialCipher(Map.of("k1", K1, "k2", K2), "k1");
    final UUID cluster = UUID.randomUUID();
    final byte[] secret = "token-1234567890".getBytes(StandardCharsets.UTF_8);

    @Nested
    class Sealing {

        @Test
        void shouldRoundTripWhenOpenedForTheSameCluster() {
            CredentialCipher.Sealed sealed = cipher.seal(cluster, secret);

            assertThat(sealed.keyId()).isEqualTo("k1");
            assertThat(sealed.nonce()).hasSize(12);
            assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("token-1234567890");
            assertThat(cipher.open(cluster, sealed)).isEqualTo(secret);
        }

        @Test
        void shouldUseAFreshNonceWhenSealingTheSameSecretTwice() {
            CredentialCipher.Sealed first = cipher.seal(cluster, secret);
            CredentialCipher.Sealed second = cipher.seal(cluster, secret);

            assertThat(first.nonce()).isNotEqualTo(second.nonce());
            assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        }

        @Test
        void shouldRefuseToOpenWhenCiphertextIsMovedToAnotherCluster() {
            CredentialCipher.Sealed sealed = cipher.seal(cluster, secret);

            assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldRefuseToOpenWhenKeyIdIsRelabelled() {
            CredentialCipher.Sealed sealed = cipher.seal(cluster, secret);
            CredentialCipher.Sealed relabelled = new CredentialCipher.Sealed("k2", sealed.nonce(), sealed.ciphertext());

            assertThatThrownBy(() -> cipher.open(cluster, relabelled)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldRefuseToOpenWhenCiphertextIsTampered() {
            CredentialCipher.Sealed sealed = cipher.seal(cluster, secret);
            sealed.ciphertext()[0] ^= 1;

            assertThatThrownBy(() -> cipher.open(cluster, sealed))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("token");
        }

        @Test
        void shouldOpenOldSecretsWhenActiveKeyChanged() {
            CredentialCipher.Sealed underK1 = cipher.seal(cluster, secret);
            CredentialCipher rotated = new CredentialCipher(Map.of("k1", K1, "k2", K2), "k2");

            assertThat(rotated.open(cluster, underK1)).isEqualTo(secret);
            assertThat(rotated.seal(cluster, secret).keyId()).isEqualTo("k2");
        }
    }

    @Nested
    class KeyConfiguration {

        final CredentialsConfiguration configuration = new CredentialsConfiguration();

        dev.aiops.registry.config.RegistryProperties properties(Map<String, String> keys, String active) {
            return new dev.aiops.registry.config.RegistryProperties(
                    new dev.aiops.registry.config.RegistryProperties.Credentials(
                            keys, active, java.time.Duration.ofDays(7), java.time.Duration.ofMinutes(10)),
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        @Test
        void shouldRefuseToStartWhenNoKeyIsConfiguredOutsideDevMode() {
            assertThatThrownBy(() -> configuration.credentialCipher(properties(Map.of(), null), new MockEnvironment()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("aiops.registry.credentials.keys");
        }

        @Test
        void shouldUseTheDevelopmentKeyWhenDevModeHasNoKey() {
            MockEnvironment env = new MockEnvironment().withProperty("aiops.security.dev-mode", "true");

            CredentialCipher devCipher = configuration.credentialCipher(properties(Map.of(), null), env);

            assertThat(devCipher.activeKeyId()).isEqualTo(CredentialsConfiguration.DEV_KEY_ID);
        }

        @Test
        void shouldRefuseToStartInTheLocalProfileWithoutDevMode() {
            // the local profile used to switch the development key on as well; only dev mode does now
            MockEnvironment local = new MockEnvironment();
            local.setActiveProfiles("local");

            assertThatThrownBy(() -> configuration.credentialCipher(properties(Map.of(), null), local))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("aiops.registry.credentials.keys");
        }

        @Test
        void shouldRefuseKeysThatAreNot32BytesWhenConfigured() {
            Map<String, String> keys = Map.of("short", Base64.getEncoder().encodeToString(new byte[16]));

            assertThatThrownBy(() -> configuration.credentialCipher(properties(keys, "short"), new MockEnvironment()))
                    .hasMessageContaining("32 bytes");
        }

        @Test
        void shouldRefuseAnActiveKeyThatIsNotConfigured() {
            Map<String, String> keys = Map.of("k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

            assertThatThrownBy(() -> configuration.credentialCipher(properties(keys, "k9"), new MockEnvironment()))
                    .hasMessageContaining("k9");
        }

        @Test
        void shouldNotKeepTheDevelopmentKeyWhenRealKeysAreConfiguredOutsideDevMode() {
            Map<String, String> keys = Map.of("k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

            CredentialCipher real = configuration.credentialCipher(properties(keys, null), new MockEnvironment());

            assertThat(real.keyIds()).containsExactly("k1");
            assertThat(real.activeKeyId()).isEqualTo("k1");
        }
    }
}
