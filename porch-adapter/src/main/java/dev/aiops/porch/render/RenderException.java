package dev.aiops.porch.render;

/** Rendering cannot produce a package; {@code field} names the file or pipeline entry at fault. */
public class RenderException extends RuntimeException {

    private final String field;

    RenderException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
