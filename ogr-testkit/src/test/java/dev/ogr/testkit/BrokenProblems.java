package dev.ogr.testkit;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sound problem ({@link NoisyQuadratic}, D = 50) and one deliberately broken variant per rule of the problem
 * contract; the nested classes are the test classes that check each with the contract, run by
 * {@link ProblemContractFailsTest} through JUnit's engine test kit.
 */
final class BrokenProblems {

    private BrokenProblems() {
    }

    /** The quadratic, broken as {@code rule} says (not at all for null). */
    static Objective of(ProblemRule rule, long seed) {
        NoisyQuadratic q = NoisyQuadratic.of(50, 10, 0.1, seed);
        return rule == null ? q : new Broken(q, rule);
    }

    /** The quadratic with one defect. */
    private static final class Broken implements Objective {
        private static final Random SHARED = new Random(7); // the DETERMINISTIC defect's one stream
        private final NoisyQuadratic q;
        private final ProblemRule defect;
        private INDArray start;

        Broken(NoisyQuadratic q, ProblemRule defect) {
            this.q = q;
            this.defect = defect;
        }

        @Override
        public String name() {
            return "broken-" + defect.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public long dimension() {
            return q.dimension();
        }

        @Override
        public INDArray initialPoint() {
            if (defect == ProblemRule.BASICS) { // hands out the same array every time
                if (start == null) {
                    start = q.initialPoint();
                }
                return start;
            }
            return q.initialPoint();
        }

        @Override
        public Sample sample(long step) {
            // DETERMINISTIC: the step's draw comes from one stream, in the order samples are asked for
            Sample s = q.sample(defect == ProblemRule.DETERMINISTIC ? SHARED.nextInt(1000) : step);
            return new Sample() {
                @Override
                public double lossAndGradient(INDArray theta, INDArray gradient) {
                    double loss = s.lossAndGradient(theta, gradient);
                    if (defect == ProblemRule.GRADIENT) {
                        gradient.muli(1.01); // one per cent too long
                    }
                    return loss;
                }

                @Override
                public double loss(INDArray theta) {
                    if (defect == ProblemRule.PROBE) {
                        return q.loss(theta); // the noise-free loss, not this sample's
                    }
                    return s.loss(theta);
                }
            };
        }

        @Override
        public double loss(INDArray theta) {
            double loss = q.loss(theta);
            if (defect == ProblemRule.READ_ONLY) {
                theta.addi(0.5).subi(0.5); // "centres" θ in place and back: the low bits are gone
            }
            return loss;
        }
    }

    // the test classes the engine test kit runs

    static class Sound extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("sound", seed -> of(null, seed));
        }
    }

    static class BrokenBasics extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("broken-basics", seed -> of(ProblemRule.BASICS, seed));
        }
    }

    static class BrokenGradient extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("broken-gradient", seed -> of(ProblemRule.GRADIENT, seed));
        }
    }

    static class BrokenDeterministic extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("broken-deterministic", seed -> of(ProblemRule.DETERMINISTIC, seed));
        }
    }

    static class BrokenProbe extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("broken-probe", seed -> of(ProblemRule.PROBE, seed));
        }
    }

    static class BrokenReadOnly extends ProblemContractTest {
        @Override
        protected ProblemContract contract() {
            return ProblemContract.of("broken-read-only", seed -> of(ProblemRule.READ_ONLY, seed));
        }
    }

    /** The test class of the variant that breaks {@code rule}. */
    static Class<? extends ProblemContractTest> target(ProblemRule rule) {
        return switch (rule) {
            case BASICS -> BrokenBasics.class;
            case GRADIENT -> BrokenGradient.class;
            case DETERMINISTIC -> BrokenDeterministic.class;
            case PROBE -> BrokenProbe.class;
            case READ_ONLY -> BrokenReadOnly.class;
        };
    }
}
