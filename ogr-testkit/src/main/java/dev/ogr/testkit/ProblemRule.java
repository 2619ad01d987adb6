package dev.ogr.testkit;

/**
 * The rules of the problem contract, each one dynamic test of {@link ProblemContract#tests()} named by its
 * {@link #title()}.
 */
public enum ProblemRule {

    /**
     * The objective describes itself: a name, a dimension of at least 1, and an initial point that is a new vector of
     * that length and of the objective's data type each time (changing one leaves the next), with a finite loss and a
     * finite sample loss there.
     */
    BASICS("the objective describes itself and starts somewhere finite"),

    /**
     * The gradient a sample writes matches central finite differences of the same sample's loss, at the initial point
     * and at a point near it, coordinate by coordinate (all of them up to the contract's limit, else that many spread
     * over the vector).
     */
    GRADIENT("the gradient matches central finite differences"),

    /**
     * Samples are a function of (seed, step) alone: two objectives of the same seed give the same initial point and,
     * asked for the same steps in another order, the same losses, gradients and validation losses, bit for bit.
     */
    DETERMINISTIC("samples are deterministic per (seed, step)"),

    /** A sample's loss probe ({@code loss}) equals the loss {@code lossAndGradient} returns at the same point. */
    PROBE("a sample's loss probe equals its loss at the same point"),

    /**
     * Neither the objective's loss, nor a sample's loss or loss and gradient, nor a validation probe or the test
     * metrics modify θ.
     */
    READ_ONLY("loss never modifies θ");

    private final String title;

    ProblemRule(String title) {
        this.title = title;
    }

    /** The rule in words: the display name of its dynamic test. */
    public String title() {
        return title;
    }
}
