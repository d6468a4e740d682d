package dev.aiops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeMemoryTests {

    @Test
    void shouldFindTheSameNearestShapeAsAnExhaustiveSearch() {
        int shingle = 5;
        int history = 60;
        ShapeMemory memory = new ShapeMemory(shingle, history);
        double[] series = new double[3_000];
        Random random = new Random(11);
        for (int t = 0; t < series.length; t++) {
            series[t] = Math.sin(t / 4.0) + (random.nextDouble() < 0.05 ? 3 : 0) + random.nextGaussian() * 0.1;
            double fast = memory.nearestDistance(series[t]);
            double slow = exhaustive(series, t, shingle, history);
            if (Double.isNaN(slow)) {
                assertThat(fast).isNaN();
            } else {
                assertThat(fast).isCloseTo(slow, within(1e-9));
            }
            memory.add(series[t]);
        }
    }

    @Test
    void shouldSeeAFlatStretchInAPeriodicSeriesAsFarFromEverythingSeen() {
        ShapeMemory memory = new ShapeMemory(8, 400);
        double usual = 0;
        for (int t = 0; t < 1_000; t++) {
            double d = memory.nearestDistance(Math.sin(2 * Math.PI * t / 50));
            if (t > 500) {
                usual = Math.max(usual, d);
            }
            memory.add(Math.sin(2 * Math.PI * t / 50));
        }
        double flat = 0;
        for (int t = 1_000; t < 1_020; t++) {
            flat = Math.max(flat, memory.nearestDistance(0.2));
            memory.add(0.2);
        }
        assertThat(flat).isGreaterThan(10 * usual + 0.05);
    }

    /** Nearest non-overlapping shingle among the last {@code history + shingle} stored points, by brute force. */
    private static double exhaustive(double[] series, int t, int shingle, int history) {
        double best = Double.MAX_VALUE;
        boolean any = false;
        int oldestStart = Math.max(0, t - (history + shingle));
        for (int end = t - shingle; end - shingle + 1 >= oldestStart; end--) {
            double sum = 0;
            for (int k = 0; k < shingle; k++) {
                double d = series[t - k] - series[end - k];
                sum += d * d;
            }
            best = Math.min(best, sum);
            any = true;
        }
        return any ? Math.sqrt(best / shingle) : Double.NaN;
    }
}
