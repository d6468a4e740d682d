package dev.aiops.porch.git;

/** A ref was not where the caller read it: someone else changed the revision first. */
public class ConcurrentRefChangeException extends RuntimeException {

    private final String ref;

    ConcurrentRefChangeException(String ref, String result) {
        super("ref " + ref + " changed concurrently (" + result + ")");
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }
}
