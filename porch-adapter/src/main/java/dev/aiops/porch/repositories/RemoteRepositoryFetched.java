package dev.aiops.porch.repositories;

/**
 * Published when a registered remote git repository was cloned into its mirror: the revisions already on the
 * remote are not in the package index yet, and its reconciler brings them in once the registration committed.
 */
public record RemoteRepositoryFetched(String repository) {}
