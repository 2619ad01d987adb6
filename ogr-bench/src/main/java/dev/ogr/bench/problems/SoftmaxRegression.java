package dev.ogr.bench.problems;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LossProbe;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.data.LabelledData;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multinomial logistic (softmax) regression with minibatches: L = mean over the batch of −log softmax(xW + b)_y.
 * Parameters are W (F×K, row-major) followed by b (K), started at 0, in the data's type (float for MNIST). Each
 * epoch visits the training rows in a fresh seeded permutation; step t uses batch t mod (n / batch) of epoch
 * t / (n / batch). With a holdout, {@code holdout} training rows chosen at random (seeded) are kept out of training
 * and serve as validation batches.
 */
public final class SoftmaxRegression implements Objective {

    private final String name;
    private final INDArray x;
    private final int[] y;
    private final INDArray validationX;
    private final int[] validationY;
    private final INDArray testX;
    private final int[] testY;
    private final int features;
    private final int classes;
    private final int batch;
    private final long seed;
    private final DataType type;
    private long permutationEpoch = -1;
    private int[] permutation;

    /** Softmax regression on {@code data} with minibatches of {@code batch} rows. */
    public SoftmaxRegression(String name, LabelledData data, int batch, int holdout, long seed) {
        this.name = name;
        int[][] split = data.holdout(holdout, seed);
        int train = split[0].length;
        if (batch > train) {
            throw new ConfigurationException("batch " + batch + " is larger than the " + train + " training rows");
        }
        this.type = data.trainFeatures().dataType();
        this.features = data.features();
        this.classes = data.classes();
        this.batch = batch;
        this.seed = seed;
        x = holdout == 0 ? data.trainFeatures() : Nd4j.pullRows(data.trainFeatures(), 1, split[0]);
        y = ints(data.trainTargets(), split[0]);
        if (holdout > 0) {
            validationX = Nd4j.pullRows(data.trainFeatures(), 1, split[1]);
            validationY = ints(data.trainTargets(), split[1]);
        } else {
            validationX = null;
            validationY = null;
        }
        testX = data.testFeatures();
        int[] all = new int[data.testTargets().length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        testY = ints(data.testTargets(), all);
    }

    private static int[] ints(double[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (int) v[rows[i]];
        }
        return out;
    }

    /** Batches per epoch. */
    public long batchesPerEpoch() {
        return y.length / batch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long dimension() {
        return (long) (features + 1) * classes;
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public INDArray initialPoint() {
        return Nd4j.zeros(type, dimension());
    }

    @Override
    public Sample sample(long step) {
        long nb = batchesPerEpoch();
        int[] rows = new int[batch];
        int[] perm = permutation(step / nb);
        int offset = (int) (step % nb) * batch;
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = perm[offset + i];
            labels[i] = y[rows[i]];
        }
        return new Batch(Nd4j.pullRows(x, 1, rows), labels);
    }

    /** Rows copied out of the training or validation rows, with their labels; {@link #release()} frees the copy. */
    private final class Batch implements Sample, Releasable {
        private final INDArray rows;
        private final int[] labels;

        Batch(INDArray rows, int[] labels) {
            this.rows = rows;
            this.labels = labels;
        }

        @Override
        public double lossAndGradient(INDArray theta, INDArray gradient) {
            return evaluate(rows, labels, theta, gradient, null);
        }

        @Override
        public double loss(INDArray theta) {
            return evaluate(rows, labels, theta, null, null);
        }

        @Override
        public void release() {
            free(rows);
        }
    }

    private int[] permutation(long epoch) {
        if (epoch != permutationEpoch) {
            int[] p = new int[y.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            SplittableRandom r = new SplittableRandom(Seeds.mix(seed, epoch));
            for (int i = p.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            permutationEpoch = epoch;
        }
        return permutation;
    }

    @Override
    public double loss(INDArray theta) {
        return evaluate(x, y, theta, null, null);
    }

    @Override
    public Optional<LossProbe> validation(long step) {
        if (validationX == null) {
            return Optional.empty();
        }
        int size = Math.min(batch, validationY.length);
        int[] rows = new int[size];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = (int) ((step * size + i) % validationY.length);
            labels[i] = validationY[rows[i]];
        }
        return Optional.of(new Batch(validationX.getRows(rows), labels));
    }

    @Override
    public Map<String, Double> testMetrics(INDArray theta) {
        int[] correct = new int[1];
        double loss = evaluate(testX, testY, theta, null, correct);
        return Map.of("test_loss", loss, "test_accuracy", correct[0] / (double) testY.length);
    }

    /**
     * Mean cross-entropy of rows {@code bx} with labels; writes the gradient when {@code gradient} is not null and
     * counts correct predictions into {@code correct[0]} when it is not null.
     */
    private double evaluate(INDArray bx, int[] labels, INDArray theta, INDArray gradient, int[] correct) {
        int k = classes;
        INDArray flat = theta.reshape(dimension());
        INDArray w = flat.get(NDArrayIndex.interval(0, (long) features * k)).reshape(features, k);
        INDArray b = flat.get(NDArrayIndex.interval((long) features * k, dimension()));
        INDArray logits = bx.mmul(w).addiRowVector(b);
        int rows = labels.length;
        INDArray wide = logits.castTo(DataType.DOUBLE);
        double[] l = wide.data().asDouble();
        free(wide, logits); // this method's arrays are freed here, not by the garbage collector (see Releasable)
        double[] delta = gradient == null ? null : new double[rows * k];
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < k; c++) {
                if (l[i * k + c] > max) {
                    max = l[i * k + c];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(l[i * k + c] - max);
            }
            double logZ = max + Math.log(sum);
            loss += logZ - l[i * k + labels[i]];
            if (correct != null && best == labels[i]) {
                correct[0]++;
            }
            if (delta != null) {
                for (int c = 0; c < k; c++) {
                    delta[i * k + c] = (Math.exp(l[i * k + c] - logZ) - (c == labels[i] ? 1 : 0)) / rows;
                }
            }
        }
        if (gradient != null) {
            INDArray wideDelta = Nd4j.create(delta, new long[] {rows, k}, DataType.DOUBLE);
            INDArray d = wideDelta.castTo(type);
            INDArray g = gradient.reshape(dimension());
            INDArray dw = bx.transpose().mmul(d);
            INDArray db = d.sum(0);
            g.get(NDArrayIndex.interval(0, (long) features * k)).assign(dw.reshape((long) features * k));
            g.get(NDArrayIndex.interval((long) features * k, dimension())).assign(db);
            free(wideDelta, d, dw, db);
        }
        return loss / rows;
    }

    /**
     * Closes each array that owns its memory; a view, an array a workspace holds and one already closed (castTo
     * returns the array itself when the type matches) are left alone.
     */
    private static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
    }
}
