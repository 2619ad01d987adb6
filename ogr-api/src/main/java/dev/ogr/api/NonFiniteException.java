package dev.ogr.api;

/**
 * Thrown by {@link Optimizer#step} when the loss or gradient it was given is NaN or infinite; the optimizer's
 * state is left exactly as it was before the call.
 */
public class NonFiniteException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the step and the offending quantity. */
    public NonFiniteException(String message) {
        super(message);
    }
}
