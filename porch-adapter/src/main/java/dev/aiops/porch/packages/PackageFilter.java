package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.platform.error.ApiException;
import dev.aiops.porch.generation.Names;
import java.util.Objects;
import org.springframework.data.jpa.domain.Specification;

/**
 * What a package listing is narrowed to; {@code null} means any.
 *
 * @param intentId the intent the revisions were created for (what intent-service sends as {@code intent_id})
 */
record PackageFilter(String repository, String packageName, String intentId) {

    private static final int MAX_INTENT_ID = 64; // the index column's width

    void validate() {
        if (repository != null && !Names.isDnsLabel(repository)) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "repository", "must be a DNS-1123 label");
        }
        if (packageName != null && !Names.isDnsLabel(packageName)) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "package_name", "must be a DNS-1123 label");
        }
        if (intentId != null && (intentId.isBlank() || intentId.length() > MAX_INTENT_ID)) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "intent_id", "must be 1 to " + MAX_INTENT_ID + " characters");
        }
    }

    Specification<PackageRevisionEntity> toSpecification() {
        return Specification.allOf(
                equal("repository", repository), equal("packageName", packageName), equal("intentId", intentId));
    }

    /** For revisions listed from a Porch server: {@code row} is what the index knows of it, if anything. */
    boolean matches(PackageRevisionSummary summary, PackageRevisionEntity row) {
        return (packageName == null || packageName.equals(summary.packageName()))
                && (intentId == null || (row != null && Objects.equals(intentId, row.intentId())));
    }

    private static Specification<PackageRevisionEntity> equal(String attribute, String value) {
        return value == null ? Specification.unrestricted() : (root, query, cb) -> cb.equal(root.get(attribute), value);
    }
}
