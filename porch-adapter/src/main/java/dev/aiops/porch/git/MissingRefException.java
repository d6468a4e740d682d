package dev.aiops.porch.git;

/** The git state a revision's row promises is not in the repository (reconciliation will repair the row). */
public class MissingRefException extends RuntimeException {

    MissingRefException(String what) {
        super("not in the package repository: " + what);
    }
}
