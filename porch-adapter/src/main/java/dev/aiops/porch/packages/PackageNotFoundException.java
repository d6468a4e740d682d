package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;

public class PackageNotFoundException extends ApiException {

    private PackageNotFoundException(String detail) {
        super(ErrorCode.PACKAGE_NOT_FOUND, detail);
    }

    public static PackageNotFoundException of(String id) {
        return new PackageNotFoundException("No package revision named " + id);
    }
}
