package dev.ogr.api;

/**
 * Bad user input to ogr: a malformed recipe, an unknown strategy, preset or problem, a misspelt or
 * out-of-range parameter. The message is one line that names the culprit and what is available or expected.
 */
public class ConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a one-line message naming the culprit. */
    public ConfigurationException(String message) {
        super(message);
    }
}
