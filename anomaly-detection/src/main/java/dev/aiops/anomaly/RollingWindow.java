package dev.aiops.anomaly;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (to evict the oldest) and sorted (to
 * answer rank and quantile questions). Binary search finds a position in O(log w); the shift that keeps the
 * sorted copy sorted is one {@link System#arraycopy} of at most w doubles, which for the window sizes used here
 * (hundreds to a few thousand) costs less than a cache miss per element would. No boxing, fixed memory.
 */
final class RollingWindow {

    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int head;

    RollingWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.ring = new double[capacity];
        this.sorted = new double[capacity];
    }

    void add(double value) {
        if (size == ring.length) {
            double oldest = ring[head];
            int at = indexOf(oldest);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        ring[head] = value;
        head = (head + 1) % ring.length;
        int at = lowerBound(value);
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
        size++;
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[size - 1];
    }

    /** Number of stored values strictly greater than {@code value}. */
    int countAbove(double value) {
        return size - upperBound(value);
    }

    /** Number of stored values strictly less than {@code value}. */
    int countBelow(double value) {
        return lowerBound(value);
    }

    /** The q-quantile (0..1) by nearest rank; the window must not be empty. */
    double quantile(double q) {
        int i = (int) Math.round(q * (size - 1));
        return sorted[Math.max(0, Math.min(size - 1, i))];
    }

    /** The value stored {@code back} arrivals ago (0 = the newest); {@code back < size}. */
    double recent(int back) {
        int i = head - 1 - back;
        if (i < 0) {
            i += ring.length;
        }
        return ring[i];
    }

    private int indexOf(double value) {
        return lowerBound(value);
    }

    private int lowerBound(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "RollingWindow" + Arrays.toString(Arrays.copyOf(sorted, size));
    }
}
