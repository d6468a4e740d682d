package dev.aiops.model.cluster;

/**
 * Shape check for user-supplied URLs. The registry additionally refuses link-local and cloud
 * metadata addresses when it resolves them; a pattern cannot know where a host name points.
 */
public final class HttpUrl {

    public static final String PATTERN = "^https?://[^\\s/$.?#][^\\s]*$";
    public static final String MESSAGE = "must be an http or https URL";

    private HttpUrl() {}
}
