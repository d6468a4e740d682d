package dev.aiops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingWindowTests {

    @Test
    void shouldAnswerLikeABruteForceWindowWhenValuesRepeatAndEvict() {
        RollingWindow window = new RollingWindow(50);
        ArrayDeque<Double> reference = new ArrayDeque<>();
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            // few distinct values, so ties and evicting one copy of a duplicate are exercised
            double value = random.nextInt(20) - 10;
            window.add(value);
            reference.addLast(value);
            if (reference.size() > 50) {
                reference.removeFirst();
            }
            double[] sorted =
                    reference.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double probe = random.nextInt(24) - 12;
            assertThat(window.size()).isEqualTo(sorted.length);
            assertThat(window.min()).isEqualTo(sorted[0]);
            assertThat(window.max()).isEqualTo(sorted[sorted.length - 1]);
            assertThat(window.countAbove(probe))
                    .isEqualTo(Arrays.stream(sorted).filter(v -> v > probe).count());
            assertThat(window.countBelow(probe))
                    .isEqualTo(Arrays.stream(sorted).filter(v -> v < probe).count());
            assertThat(window.recent(0)).isEqualTo(value);
        }
    }
}
