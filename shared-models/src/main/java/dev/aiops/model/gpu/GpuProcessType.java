package dev.aiops.model.gpu;

/** Kind of GPU context a process holds, as nvidia-smi reports it ({@code C}, {@code G}, {@code C+G}). */
public enum GpuProcessType {
    COMPUTE,
    GRAPHICS,
    MIXED;

    /** Maps nvidia-smi's type column; anything but {@code G} and {@code C+G} counts as COMPUTE. */
    public static GpuProcessType fromNvidiaSmi(String type) {
        if (type == null) {
            return COMPUTE;
        }
        return switch (type.trim()) {
            case "G" -> GRAPHICS;
            case "C+G" -> MIXED;
            default -> COMPUTE;
        };
    }
}
