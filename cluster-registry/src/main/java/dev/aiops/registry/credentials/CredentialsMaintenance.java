package dev.aiops.registry.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodic work on stored credentials, safe with several replicas (rows are claimed with
 * {@code for update skip locked}): expiry warnings, and re-sealing under the active key after a key
 * rotation.
 */
@Component
class CredentialsMaintenance {

    private static final Logger log = LoggerFactory.getLogger(CredentialsMaintenance.class);
    private static final int BATCH = 100;

    private final CredentialsService credentials;

    CredentialsMaintenance(CredentialsService credentials) {
        this.credentials = credentials;
    }

    @Scheduled(
            initialDelayString = "${aiops.registry.credentials.initial-delay:5s}",
            fixedDelayString = "${aiops.registry.credentials.sweep-interval:10m}")
    void sweep() {
        try {
            int warned;
            do {
                warned = credentials.warnAboutExpiringCredentials(BATCH);
            } while (warned == BATCH);
            int resealed;
            int total = 0;
            do {
                resealed = credentials.resealUnderActiveKey(BATCH);
                total += resealed;
            } while (resealed == BATCH);
            if (total > 0) {
                log.info("Re-sealed {} cluster credentials under the active key", total);
            }
        } catch (RuntimeException e) {
            log.warn("Credentials maintenance failed: {}", e.toString());
        }
    }
}
