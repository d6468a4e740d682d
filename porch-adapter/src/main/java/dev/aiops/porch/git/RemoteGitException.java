package dev.aiops.porch.git;

/**
 * A remote git repository could not be fetched from or pushed to, for a reason other than a concurrent change
 * ({@link ConcurrentRefChangeException}). The message never carries credentials or the server's answer.
 */
public class RemoteGitException extends RuntimeException {

    public enum Reason {
        /** the server refused the credentials (HTTP 401/403) */
        CREDENTIALS,
        /** the SSH server's host key is not the one known_hosts gives for the remote (unknown or changed) */
        HOST_KEY,
        /** the URL guard refused the address */
        BLOCKED,
        /** not reachable, timed out, or not a git repository */
        UNAVAILABLE
    }

    private final Reason reason;

    RemoteGitException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
