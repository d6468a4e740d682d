package dev.aiops.porch.generation;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2Gi}, {@code 1e3}), parsed as the API server's
 * {@code resource.ParseQuantity} does. fabric8's {@code Quantity} accepts almost anything and fails only
 * when asked for the amount, so the check is done here, once, before generation.
 */
final class Quantities {

    private static final Pattern QUANTITY =
            Pattern.compile("^([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$");

    private Quantities() {}

    /** The amount in base units (cores, bytes), or null when the text is not a quantity. */
    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return number;
        }
        return switch (suffix) {
            case "Ki" -> number.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> number.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> number.multiply(BigDecimal.valueOf(1L << 30));
            case "Ti" -> number.multiply(BigDecimal.valueOf(1L << 40));
            case "Pi" -> number.multiply(BigDecimal.valueOf(1L << 50));
            case "Ei" -> number.multiply(BigDecimal.valueOf(1L << 60));
            case "m" -> number.movePointLeft(3);
            case "k" -> number.movePointRight(3);
            case "M" -> number.movePointRight(6);
            case "G" -> number.movePointRight(9);
            case "T" -> number.movePointRight(12);
            case "P" -> number.movePointRight(15);
            case "E" -> number.movePointRight(18);
            default -> number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
    }
}
