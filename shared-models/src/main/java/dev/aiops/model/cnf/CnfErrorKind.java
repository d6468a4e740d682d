package dev.aiops.model.cnf;

/**
 * Why a CNF operation failed, which decides what happens next: TRANSIENT is retried with backoff,
 * PERMANENT and CONFIGURATION are not (CONFIGURATION needs a corrected intent or package).
 */
public enum CnfErrorKind {
    TRANSIENT,
    PERMANENT,
    CONFIGURATION;

    public boolean retryable() {
        return this == TRANSIENT;
    }
}
