package dev.ogr.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validated parameter values of one strategy or problem, in declaration order, with every parameter
 * present (defaults filled in).
 */
public final class Parameters {

    private final List<ParameterSpec> specs;
    private final Map<String, Object> values;

    private Parameters(List<ParameterSpec> specs, Map<String, Object> values) {
        this.specs = List.copyOf(specs);
        this.values = Collections.unmodifiableMap(values);
    }

    /** All defaults of {@code specs}. */
    public static Parameters defaults(List<ParameterSpec> specs) {
        return parse(specs, Map.of(), "defaults");
    }

    /**
     * Parses textual arguments against {@code specs}.
     *
     * @param owner names the owner in messages, e.g. {@code averages 'plain'}
     * @throws ConfigurationException for an unknown key (with a suggestion) or a bad value
     */
    public static Parameters parse(List<ParameterSpec> specs, Map<String, String> arguments, String owner) {
        Map<String, ParameterSpec> byName = index(specs);
        for (String key : arguments.keySet()) {
            if (!byName.containsKey(key)) {
                throw unknown(key, owner, byName);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            String text = arguments.get(spec.name());
            values.put(spec.name(), text == null ? spec.defaultValue() : spec.parse(text, owner));
        }
        return new Parameters(specs, values);
    }

    /**
     * Validates Java values against {@code specs}, for strategies built in code.
     *
     * @throws ConfigurationException for an unknown key or a value of the wrong type or range
     */
    public static Parameters of(List<ParameterSpec> specs, Map<String, ?> given, String owner) {
        Map<String, ParameterSpec> byName = index(specs);
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw unknown(key, owner, byName);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            Object v = given.get(spec.name());
            values.put(spec.name(), v == null ? spec.defaultValue()
                    : spec.validate(v, "parameter '" + spec.name() + "' of " + owner));
        }
        return new Parameters(specs, values);
    }

    /**
     * Validates Java values given in the order of {@code specs}, one for every parameter: the one check a strategy's
     * constructor needs, so that its parameters are stated once, in their specs. A strategy keeps the result and
     * prints itself as {@code name + "(" + parameters.canonical() + ")"}.
     *
     * @param owner names the owner in messages, e.g. {@code step 'sigma-ratio'}
     * @throws ConfigurationException for a value of the wrong type or range, naming the parameter and its range
     * @throws IllegalArgumentException if the number of values is not the number of specs
     */
    public static Parameters inOrder(List<ParameterSpec> specs, String owner, Object... given) {
        if (given.length != specs.size()) {
            throw new IllegalArgumentException(owner + " has " + specs.size() + " parameters " + specs.stream()
                    .map(ParameterSpec::name).toList() + ", got " + given.length + " values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < given.length; i++) {
            ParameterSpec spec = specs.get(i);
            values.put(spec.name(), spec.validate(given[i], "parameter '" + spec.name() + "' of " + owner));
        }
        return new Parameters(specs, values);
    }

    /** The value of real parameter {@code name}. */
    public double real(String name) {
        return (Double) get(name, ParameterSpec.Type.REAL);
    }

    /** The value of integer parameter {@code name}. */
    public long integer(String name) {
        return (Long) get(name, ParameterSpec.Type.INTEGER);
    }

    /** The value of choice parameter {@code name}. */
    public String choice(String name) {
        return (String) get(name, ParameterSpec.Type.CHOICE);
    }

    /** The value of flag parameter {@code name}. */
    public boolean flag(String name) {
        return (Boolean) get(name, ParameterSpec.Type.FLAG);
    }

    /** All values by name, in declaration order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The canonical text {@code k=v, k=v} of every parameter, in declaration order. */
    public String canonical() {
        return specs.stream().map(s -> s.name() + "=" + s.format(values.get(s.name())))
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }

    private Object get(String name, ParameterSpec.Type type) {
        for (ParameterSpec spec : specs) {
            if (spec.name().equals(name)) {
                if (spec.type() != type) {
                    throw new IllegalArgumentException("parameter '" + name + "' is " + spec.type() + ", not " + type);
                }
                return values.get(name);
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "'; declared: "
                + specs.stream().map(ParameterSpec::name).toList());
    }

    private static Map<String, ParameterSpec> index(List<ParameterSpec> specs) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("parameter '" + s.name() + "' is declared twice");
            }
        }
        return byName;
    }

    private static ConfigurationException unknown(String key, String owner, Map<String, ParameterSpec> byName) {
        List<String> names = new ArrayList<>(byName.keySet());
        return new ConfigurationException(owner + " has no parameter '" + key + "'"
                + Suggestions.hint(key, names) + "; its parameters are: "
                + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
}
