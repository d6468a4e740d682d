package dev.aiops.anomaly;

/**
 * The last points of a series, searched for the past stretch that looks most like the newest one (a
 * nearest-neighbour "discord" distance, as in matrix-profile methods). A periodic series finds its own last
 * period; a shape never seen before, such as a flat stretch where a cycle should be, finds nothing close.
 *
 * <p>Worst case O(history x shingle) per point. In practice the search starts from the neighbour of the previous
 * shingle moved one step on (a series that matched its past a moment ago usually still does), and abandons each
 * candidate as soon as it is farther than the best so far, so most candidates cost one or two subtractions. The
 * values are stored twice in a row so that every candidate is a contiguous slice (no modulo in the inner loop).
 */
final class ShapeMemory {

    private final int shingle;
    private final int length;
    private final double[] buffer;
    private final double[] query;
    private long count;
    private long previousBestEnd = -1;

    ShapeMemory(int shingle, int history) {
        this.shingle = shingle;
        this.length = history + shingle;
        this.buffer = new double[2 * length];
        this.query = new double[shingle];
    }

    int stateSize() {
        return buffer.length + query.length;
    }

    void add(double value) {
        int at = (int) (count % length);
        buffer[at] = value;
        buffer[at + length] = value;
        count++;
    }

    /**
     * Root-mean-square distance between the shingle ending with {@code value} (not yet added) and its nearest
     * stored shingle that does not overlap it; NaN while too little is stored.
     */
    double nearestDistance(double value) {
        long newest = count - shingle; // absolute index of the last point of the newest non-overlapping candidate
        long oldest = Math.max(count - length + shingle - 1, shingle - 1);
        if (newest < oldest) {
            return Double.NaN;
        }
        for (int k = 0; k < shingle - 1; k++) {
            query[k] = buffer[(int) ((count - shingle + 1 + k) % length)];
        }
        query[shingle - 1] = value;

        double best = Double.MAX_VALUE;
        long bestEnd = -1;
        long seed = previousBestEnd + 1;
        if (seed >= oldest && seed <= newest) {
            best = distance((int) ((seed - shingle + 1) % length), Double.MAX_VALUE);
            bestEnd = seed;
        }
        int last = shingle - 1;
        double newestValue = query[last];
        int start = (int) ((newest - last) % length);
        for (long end = newest; end >= oldest; end--) {
            // cheap first test on the newest point alone, which rejects most candidates
            double first = newestValue - buffer[start + last];
            if (first * first < best) {
                double d = distance(start, best);
                if (d < best) {
                    best = d;
                    bestEnd = end;
                }
            }
            start = start == 0 ? length - 1 : start - 1;
        }
        previousBestEnd = bestEnd;
        return Math.sqrt(best / shingle);
    }

    /** Squared distance to the candidate starting at buffer index {@code start}, or something >= bound once it exceeds bound. */
    private double distance(int start, double bound) {
        double sum = 0;
        for (int k = shingle - 1; k >= 0; k--) {
            double d = query[k] - buffer[start + k];
            sum += d * d;
            if (sum >= bound) {
                return sum;
            }
        }
        return sum;
    }
}
