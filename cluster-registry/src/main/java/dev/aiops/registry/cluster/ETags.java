package dev.aiops.registry.cluster;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;

/** The cluster version as an entity tag: {@code "7"}. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header asks for, or null without a usable header ({@code *} included). */
    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.contains(",")) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED, "If-Match must carry exactly one entity tag");
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED, "If-Match does not match the cluster's entity tag");
        }
    }
}
