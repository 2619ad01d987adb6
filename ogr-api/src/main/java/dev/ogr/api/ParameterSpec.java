package dev.ogr.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The declaration of one strategy (or problem) parameter: its name, type, default, admissible range and a
 * one-line description. Parses and validates values given as text or as Java values.
 */
public final class ParameterSpec {

    /** The value types a parameter can have. */
    public enum Type {
        /** A double in an interval. */
        REAL,
        /** A long integer in a closed interval. */
        INTEGER,
        /** One word out of a fixed list. */
        CHOICE,
        /** {@code true} or {@code false}. */
        FLAG
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final double min;
    private final double max;
    private final boolean minInclusive;
    private final boolean maxInclusive;
    private final List<String> choices;
    private final String description;

    private ParameterSpec(String name, Type type, Object defaultValue, double min, boolean minInclusive,
            double max, boolean maxInclusive, List<String> choices, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.min = min;
        this.max = max;
        this.minInclusive = minInclusive;
        this.maxInclusive = maxInclusive;
        this.choices = List.copyOf(choices);
        this.description = Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("parameter names are lower-case words with dashes, got '" + name + "'");
        }
        this.defaultValue = validate(defaultValue, "the default of");
    }

    /** A real parameter in the interval given by {@code min}, {@code max} and their inclusiveness. */
    public static ParameterSpec real(String name, double defaultValue, double min, boolean minInclusive,
            double max, boolean maxInclusive, String description) {
        return new ParameterSpec(name, Type.REAL, defaultValue, min, minInclusive, max, maxInclusive, List.of(),
                description);
    }

    /** An integer parameter in the closed interval [{@code min}, {@code max}]. */
    public static ParameterSpec integer(String name, long defaultValue, long min, long max, String description) {
        return new ParameterSpec(name, Type.INTEGER, defaultValue, min, true, max, true, List.of(), description);
    }

    /** A parameter that takes one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, Type.CHOICE, defaultValue, 0, true, 0, true, choices, description);
    }

    /** A boolean parameter. */
    public static ParameterSpec flag(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.FLAG, defaultValue, 0, true, 0, true, List.of(), description);
    }

    /** The parameter's name as written in recipes. */
    public String name() {
        return name;
    }

    /** The parameter's value type. */
    public Type type() {
        return type;
    }

    /** The default value: a Double, Long, String or Boolean according to {@link #type()}. */
    public Object defaultValue() {
        return defaultValue;
    }

    /**
     * The lower end of the range of a real or integer parameter ({@link Double#NEGATIVE_INFINITY} for none); 0 for
     * choices and flags.
     */
    public double min() {
        return min;
    }

    /** The upper end of the range of a real or integer parameter ({@link Double#POSITIVE_INFINITY} for none). */
    public double max() {
        return max;
    }

    /** Whether {@link #min()} itself is admissible (always true for integers). */
    public boolean minInclusive() {
        return minInclusive;
    }

    /** Whether {@link #max()} itself is admissible (always true for integers). */
    public boolean maxInclusive() {
        return maxInclusive;
    }

    /** The admissible words of a choice parameter (empty for other types). */
    public List<String> choices() {
        return choices;
    }

    /** One line saying what the parameter means. */
    public String description() {
        return description;
    }

    /** The admissible values in words, e.g. {@code a real in [0, 1)} or {@code one of sign, tanh}. */
    public String range() {
        return switch (type) {
            case REAL -> "a real in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max)
                    + (maxInclusive ? "]" : ")");
            case INTEGER -> "an integer in [" + (long) min + ", " + (long) max + "]";
            case CHOICE -> "one of " + String.join(", ", choices);
            case FLAG -> "true or false";
        };
    }

    /**
     * Parses {@code text} as a value of this parameter.
     *
     * @param owner the thing the parameter belongs to, for the message, e.g. {@code averages 'plain'}
     * @throws ConfigurationException naming the parameter, the text and the admissible values
     */
    public Object parse(String text, String owner) {
        String t = text.trim();
        Object value;
        try {
            value = switch (type) {
                case REAL -> parseReal(t);
                case INTEGER -> parseInteger(t);
                case CHOICE -> t.toLowerCase(Locale.ROOT);
                case FLAG -> parseFlag(t);
            };
        } catch (NumberFormatException e) {
            throw new ConfigurationException("parameter '" + name + "' of " + owner + " must be " + range()
                    + ", got '" + text + "'");
        }
        return validate(value, "parameter '" + name + "' of " + owner);
    }

    /**
     * Checks a Java value against this parameter and normalises it (ints to Long, floats to Double).
     *
     * @param what the description used in the message, e.g. {@code parameter 'beta' of averages 'plain'}
     * @throws ConfigurationException if the value has the wrong type or is out of range
     */
    public Object validate(Object value, String what) {
        String prefix = what.startsWith("the default") ? what + " parameter '" + name + "'" : what;
        String bad = prefix + " must be " + range() + ", got " + (value instanceof String ? "'" + value + "'" : value);
        switch (type) {
            case REAL -> {
                if (!(value instanceof Number n)) {
                    throw new ConfigurationException(bad);
                }
                double d = n.doubleValue();
                boolean ok = !Double.isNaN(d) && (minInclusive ? d >= min : d > min) && (maxInclusive ? d <= max : d < max);
                if (!ok) {
                    throw new ConfigurationException(bad);
                }
                return d;
            }
            case INTEGER -> {
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short)) {
                    throw new ConfigurationException(bad);
                }
                long l = ((Number) value).longValue();
                if (l < (long) min || l > (long) max) {
                    throw new ConfigurationException(bad);
                }
                return l;
            }
            case CHOICE -> {
                if (!(value instanceof String s) || !choices.contains(s)) {
                    throw new ConfigurationException(bad);
                }
                return s;
            }
            case FLAG -> {
                if (!(value instanceof Boolean)) {
                    throw new ConfigurationException(bad);
                }
                return value;
            }
            default -> throw new AssertionError(type);
        }
    }

    /** Formats a value of this parameter as it is written in canonical recipes. */
    public String format(Object value) {
        return value instanceof Double d ? format(d.doubleValue()) : String.valueOf(value);
    }

    /** Formats a double compactly and exactly: {@code 1}, {@code 0.9}, {@code 1e-08}, {@code 1e+06}. */
    public static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }

    private static double parseReal(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan" -> throw new NumberFormatException(t);
            default -> Double.parseDouble(t);
        };
    }

    private static long parseInteger(String t) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            double d = Double.parseDouble(t); // accepts 1e6
            if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                throw new NumberFormatException(t);
            }
            return (long) d;
        }
    }

    private static Boolean parseFlag(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new NumberFormatException(t);
        };
    }

    @Override
    public String toString() {
        return name + " = " + format(defaultValue) + " (" + range() + "): " + description;
    }
}
