package dev.ogr.api.block;

/**
 * The fast form of a coordinate-wise average tracker ({@link dev.ogr.api.AverageTracker#coordinateStatistics()}):
 * it adds one observation of every coordinate block by block inside the core's fused pass, leaving the block's
 * updated statistics in the lanes {@link CoordinateBlock#MEAN_THETA} to {@link CoordinateBlock#COVARIANCE} for the
 * step rule's {@link CoordinateKernel}. Its result must equal the tracker's own
 * {@link dev.ogr.api.AverageTracker#observe}.
 */
public interface CoordinateStatistics {

    /**
     * The statistics of a tracker that keeps none ({@code averages=none}): the core fills the statistics lanes with
     * NaN for kernels that read them, and no observation is counted.
     */
    CoordinateStatistics NONE = new CoordinateStatistics() {
        @Override
        public double beginObservation() {
            return 0;
        }

        @Override
        public long observations() {
            return 0;
        }

        @Override
        public boolean isFloat() {
            return true;
        }

        @Override
        public void updateBlock(int from, CoordinateBlock block, double weight) {
            for (int k = CoordinateBlock.MEAN_THETA; k <= CoordinateBlock.COVARIANCE; k++) {
                java.util.Arrays.fill(block.lane(k), 0, block.count(), Double.NaN);
            }
        }

        @Override
        public void updateFloatBlock(int from, CoordinateBlock block, double weight) {
            for (int k = CoordinateBlock.MEAN_THETA; k <= CoordinateBlock.COVARIANCE; k++) {
                java.util.Arrays.fill(block.floatLane(k), 0, block.count(), Float.NaN);
            }
        }

        @Override
        public String toString() {
            return "no statistics";
        }
    };

    /**
     * Starts this step's observation (advances the bias weight and the observation count, as the tracker's
     * {@code observe} does) and returns the weight a of the new observation, passed to every block's update.
     */
    double beginObservation();

    /** The number of observations so far (this step's included, once begun). */
    long observations();

    /** Whether every statistics array is float (then the core calls {@link #updateFloatBlock}). */
    boolean isFloat();

    /**
     * Adds the observation of coordinates {@code from .. from + block.count() - 1}, read from lanes
     * {@link CoordinateBlock#THETA} and {@link CoordinateBlock#GRADIENT}, with weight {@code weight}, and leaves the
     * updated statistics (as stored) in the statistics lanes; in double.
     */
    void updateBlock(int from, CoordinateBlock block, double weight);

    /** {@link #updateBlock} in the float lanes. */
    void updateFloatBlock(int from, CoordinateBlock block, double weight);
}
