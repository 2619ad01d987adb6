package dev.ogr.testkit;

/**
 * The rules of the strategy contract, each one dynamic test of {@link StrategyContract#tests()} named by its
 * {@link #title()}.
 */
public enum StrategyRule {

    /**
     * Every parameter's default validates against its spec, the defaults create a strategy of the slot's type, and a
     * recipe with the strategy at its defaults makes an optimizer.
     */
    DEFAULTS("the defaults create a strategy"),

    /** A recipe giving the strategy a key it does not declare is refused with a message naming the key. */
    UNKNOWN_KEYS("an unknown key is refused, naming the key"),

    /**
     * A value of the wrong type (a word for a number, a fraction for an integer, a word other than true or false for
     * a flag, a word that is none of the choices) is refused with a message naming the key and the range; every value
     * of the declared type the spec admits in words (each choice, true and false) creates a strategy (with the same
     * allowance for a relation to another parameter as {@link #RANGES}).
     */
    WRONG_TYPES("a value of the wrong type is refused, naming the key and the range"),

    /**
     * A number just outside a parameter's range (and NaN) is refused with a message naming the key and the range; the
     * ends of the range (the nearest doubles inside an open end) create a strategy, unless the factory refuses one for
     * its relation to another parameter's default, in one line naming both (e.g. "needs min &lt;= eta0 &lt;= max").
     */
    RANGES("an out-of-range value is refused, naming the key and the range; the ends are accepted"),

    /**
     * The strategy's canonical text ({@code toString()}, at its defaults and with each parameter moved off its
     * default) parses back, under its name, to the same parameters and prints the same text again.
     */
    CANONICAL("the canonical text parses back to an equal strategy"),

    /**
     * An optimizer's exported state, restored into a fresh optimizer of the same recipe started elsewhere, continues
     * for the contract's steps exactly as the original does, in double and in float: θ after every step and the
     * final state, bit for bit.
     */
    EXPORT_RESTORE("export and restore continue bit for bit"),

    /**
     * A step whose gradient has a NaN or an infinite entry (through a sample, and through a host's gradient) throws
     * {@link dev.ogr.api.NonFiniteException} and leaves the whole exported state bit for bit as it was, and the run
     * then continues exactly as one that never saw the bad gradient.
     */
    NON_FINITE("a NaN or infinite gradient leaves the state bit for bit unchanged"),

    /**
     * The fast path (the core's fused and two-pass steps, with the strategy's public fast API) agrees with the general
     * path (the strategies' own methods, as on a GPU backend): whole trajectories and one step from a common state to
     * 1e-9 of each array's largest entry in double, one step from a common state to the float tolerance in float.
     */
    FAST_PATH("the fast path agrees with the general path"),

    /**
     * The same run in float and in double, from the same start: the float run's θ is finite wherever the double run's
     * is, and one float step from the double run's state (rounded to float), halfway and at the end, gives θ within
     * the float tolerance of the double step. (Whole trajectories are not compared: adaptive rules amplify rounding
     * from step to step, Prodigy's distance estimate multiplicatively, so no one tolerance fits every rule.)
     */
    FLOAT_AND_DOUBLE("float and double runs agree"),

    /** Two runs of the same recipe on the same problem and seed give the same θ at every step, bit for bit. */
    SAME_SEED("the same seed gives the same trajectory twice");

    private final String title;

    StrategyRule(String title) {
        this.title = title;
    }

    /** The rule in words: the display name of its dynamic test. */
    public String title() {
        return title;
    }
}
