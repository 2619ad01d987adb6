package dev.ogr.bench.suite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a suite file (YAML, or JSON, which is YAML too) into a validated {@link Suite}. The built-in suites
 * ({@code quick}, {@code paper}, {@code full}) are such files among the resources; a user copies one and passes its
 * path. Every mistake is one {@link ConfigurationException} naming the file, the line and the key.
 */
public final class SuiteFile {

    /** The suites shipped with ogr, by name. */
    public static final List<String> BUILT_IN = List.of("quick", "defaults", "sweep", "paper", "full");

    private static final String RESOURCES = "/dev/ogr/bench/suites/";

    private SuiteFile() {
    }

    /** The file's top level. Keys are snake_case; unknown keys are errors. */
    private record RawSuite(String name, String description, Integer steps, Integer seeds,
            @JsonProperty("tuning_seeds") Integer tuningSeeds, String tuning, List<Double> grid, List<String> optimizers,
            List<String> exclude, List<String> baselines, Double tolerance, List<RawProblem> problems) {
    }

    /** One entry of {@code problems}. */
    private record RawProblem(String problem, String label, Integer steps, Double target, RawLattice lattice,
            @JsonProperty("log_scale") Boolean logScale, List<Double> grid, Integer records) {
    }

    /** A lattice of starting points: {@code n} by {@code n} points spanning {@code x} and {@code y}. */
    private record RawLattice(List<Double> x, List<Double> y, Integer n) {
    }

    /** The text of a built-in suite (also {@code dl4j}, the dl4j suite's own format), or null if there is none. */
    public static String builtInText(String name) {
        try (InputStream in = SuiteFile.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads {@code suite}: the name of a built-in suite, or the path of a suite file.
     *
     * @throws ConfigurationException if there is no such suite or the file is malformed or invalid
     */
    public static Suite load(String suite, StrategyRegistry registry) {
        String text = builtInText(suite);
        if (text != null) {
            return parse(text, suite + ".yaml", registry);
        }
        Path path = Path.of(suite);
        requireReadableFile(path, "suite file", "a YAML or JSON suite file");
        try {
            return parse(Files.readString(path), path.toString(), registry);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("unknown suite '" + suite + "': neither a built-in suite ("
                    + String.join(", ", BUILT_IN) + ") nor a suite file");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read suite file " + path + ": " + e.getMessage());
        }
    }

    /**
     * The SHA-256 (hex) of the text of {@code suite}: a built-in suite's file as shipped, or the suite file's bytes;
     * {@code unknown} if it cannot be read.
     */
    public static String sha256(String suite) {
        try {
            String text = builtInText(suite);
            byte[] bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(Path.of(suite));
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return "unknown";
        }
    }

    /**
     * Refuses {@code path} when it exists but is not a regular, readable file (a directory, a device, a pipe): one
     * line naming it as {@code what} and saying what was {@code expected}. A path that does not exist passes (the
     * caller says what that means).
     *
     * @throws ConfigurationException naming the path
     */
    public static void requireReadableFile(Path path, String what, String expected) {
        if (!Files.exists(path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            throw new ConfigurationException(what + " " + path + " is a directory; expected " + expected);
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(what + " " + path + " is not a regular file (a device or a pipe);"
                    + " expected " + expected);
        }
        if (!Files.isReadable(path)) {
            throw new ConfigurationException(what + " " + path + " cannot be read (permission denied)");
        }
    }

    /**
     * Parses and validates the text of a suite file; {@code source} names it in error messages.
     *
     * @throws ConfigurationException naming the line and key of the first mistake
     */
    public static Suite parse(String text, String source, StrategyRegistry registry) {
        Bound<RawSuite> bound = bind(text, source, RawSuite.class);
        return new Validator(source, bound.lines(), registry).suite(bound.value(), source);
    }

    /** The most steps a suite or problem may ask for per run. */
    public static final int MAX_STEPS = 10_000_000;
    /** The most seeds (and tuning seeds), as the command line's {@code --seeds} allows. */
    public static final int MAX_SEEDS = 1000;
    /** The most step sizes in a grid. */
    public static final int MAX_GRID = 100;
    /** The most points along each side of a lattice of starting points ({@code n}: n² starts). */
    public static final int MAX_LATTICE = 100;
    /** The most records of a run's curve. */
    public static final int MAX_RECORDS = 100_000;
    /** The most optimizer steps a whole suite may ask for (the built-in {@code full} suite asks for about 3.2 × 10⁷, {@code quick} 8.1 × 10⁵). */
    public static final long MAX_TOTAL_STEPS = 2_000_000_000L;

    /**
     * The optimizer steps {@code suite} runs with {@code seeds} seeds: per problem, steps × starting points ×
     * optimizers × (seeds + tuning seeds × grid points when tuned).
     */
    public static long totalSteps(Suite suite, int seeds) {
        long total = 0;
        for (SuiteProblem p : suite.problems()) {
            long runs = (long) seeds + (suite.tuned() ? (long) suite.tuningSeeds() * p.grid().size() : 0);
            total += (long) p.steps() * Math.max(1, p.starts().size()) * suite.optimizers().size() * runs;
        }
        return total;
    }

    /**
     * Refuses {@code suite} when it asks for more than {@link #MAX_TOTAL_STEPS} optimizer steps in all (a suite file
     * is checked as it is read; this checks it again after the command line changed its seeds or optimizers).
     *
     * @throws ConfigurationException naming the steps asked for and the limit
     */
    public static void requireWorkWithinLimit(Suite suite) {
        long work = totalSteps(suite, suite.seeds());
        if (work > MAX_TOTAL_STEPS) {
            throw new ConfigurationException("suite '" + suite.name() + "' with " + suite.seeds() + " seeds and "
                    + suite.optimizers().size() + " optimizers asks for " + work + " optimizer steps in all, more than"
                    + " the limit of " + MAX_TOTAL_STEPS + "; lower --seeds or the optimizers");
        }
    }

    /**
     * A file's top level bound to a record type, with the line of every key, for validation messages that name
     * the line and the key.
     *
     * @param value  the bound top level
     * @param lines  the line of every key and list element, by its path as written in messages
     * @param source the file's name in messages
     * @param <T>    the record type
     */
    public record Bound<T>(T value, Map<String, Integer> lines, String source) {

        /** An error about {@code key} (e.g. {@code optimizers[2].grid}), naming the file and the key's line. */
        public ConfigurationException at(String key, String message) {
            return error(source, lineOf(lines, key, null), key, message);
        }
    }

    /**
     * Binds YAML (or JSON) {@code text} to {@code type}: unknown keys, wrong types and syntax errors are one
     * {@link ConfigurationException} naming {@code source}, the line and the key.
     */
    public static <T> Bound<T> bind(String text, String source, Class<T> type) {
        if (text.isBlank()) {
            throw error(source, 1, "", "the file is empty");
        }
        YAMLFactory factory = new YAMLFactory();
        Map<String, Integer> lines = lines(factory, text, source);
        // a key given twice is refused (YAML would keep the last silently), and so is 1.5 where a whole number is
        // expected (Jackson would cut it to 1)
        factory.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        T raw;
        try {
            raw = mapper.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            throw error(source, lineOf(lines, path(e), e), path(e), "unknown key '" + e.getPropertyName()
                    + "'; known: " + String.join(", ", known));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw error(source, lineOf(lines, path(e), e), path(e), mismatch(e));
        } catch (JsonMappingException e) {
            throw error(source, lineOf(lines, path(e), e), path(e), e.getOriginalMessage().split("\n")[0]
                    .replaceAll(" \\(for .*?\\)", "").replaceAll("`", "'"));
        } catch (JsonProcessingException e) {
            java.util.regex.Matcher twice = java.util.regex.Pattern.compile("^Duplicate field '(.*)'")
                    .matcher(e.getOriginalMessage());
            throw error(source, line(e.getLocation()), "", twice.find() ? "key '" + twice.group(1)
                    + "' is given twice" : syntax(e.getOriginalMessage()));
        }
        if (raw == null) {
            throw error(source, 1, "", "the file is empty");
        }
        return new Bound<>(raw, lines, source);
    }

    /** Checks the bound values and fills in defaults, reporting the line of the offending key. */
    private record Validator(String source, Map<String, Integer> lines, StrategyRegistry registry) {

        Suite suite(RawSuite raw, String fileName) {
            String name = raw.name() != null ? raw.name() : fileName.replaceAll(".*/", "").replaceAll("\\.[^.]*$", "");
            int steps = raw.steps() == null ? 200 : within(raw.steps(), 1, MAX_STEPS, "steps");
            int seeds = raw.seeds() == null ? 5 : within(raw.seeds(), 1, MAX_SEEDS, "seeds");
            int tuning = raw.tuningSeeds() == null ? 2 : within(raw.tuningSeeds(), 1, MAX_SEEDS, "tuning_seeds");
            String protocol = raw.tuning() == null ? "grid" : raw.tuning().trim();
            if (!protocol.equals("grid") && !protocol.equals("none")) {
                throw at("tuning", "must be 'grid' (the step size tuned on the grid) or 'none' (every optimizer at its"
                        + " preset's defaults), got '" + raw.tuning() + "'");
            }
            boolean tuned = protocol.equals("grid");
            List<Double> grid = tuned || raw.grid() != null ? grid(require(raw.grid(), "grid"), "grid") : List.of();
            RecipeResolver resolver = new RecipeResolver(registry);
            List<String> optimizers = optimizers(require(raw.optimizers(), "optimizers"), raw.exclude(), resolver);
            Set<String> baselines = new LinkedHashSet<>();
            List<String> rawBaselines = raw.baselines() == null ? List.of() : raw.baselines();
            for (int i = 0; i < rawBaselines.size(); i++) {
                String b = rawBaselines.get(i);
                if (!optimizers.contains(b)) {
                    throw at("baselines[" + i + "]", "'" + b + "' is not among the optimizers");
                }
                baselines.add(b);
            }
            double tolerance = raw.tolerance() == null ? 1e-3 : raw.tolerance();
            if (!(tolerance > 0 && tolerance < 1)) {
                throw at("tolerance", "must be in (0, 1), got " + tolerance);
            }
            List<RawProblem> rawProblems = require(raw.problems(), "problems");
            if (rawProblems.isEmpty()) {
                throw at("problems", "needs at least one problem");
            }
            List<SuiteProblem> problems = new ArrayList<>();
            Set<String> labels = new java.util.HashSet<>();
            for (int i = 0; i < rawProblems.size(); i++) {
                SuiteProblem p = problem(rawProblems.get(i), "problems[" + i + "]", steps, grid);
                if (!labels.add(p.label())) {
                    throw at("problems[" + i + "]" + (rawProblems.get(i).label() != null ? ".label" : ".problem"),
                            "label '" + p.label() + "' is used twice; give one a 'label'");
                }
                problems.add(p);
            }
            Suite suite = new Suite(name, raw.description() == null ? "" : raw.description().trim(), seeds, tuning,
                    List.copyOf(grid), optimizers, baselines, tolerance, List.copyOf(problems), tuned);
            long work = totalSteps(suite, seeds);
            if (work > MAX_TOTAL_STEPS) {
                throw error(source, 0, "", "the suite asks for " + work + " optimizer steps in all (per problem:"
                        + " steps x starting points x optimizers x (seeds + tuning_seeds x grid points)), more than the"
                        + " limit of " + MAX_TOTAL_STEPS + "; lower the steps, seeds, grid, lattice or optimizers");
            }
            return suite;
        }

        private List<String> optimizers(List<String> listed, List<String> exclude, RecipeResolver resolver) {
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < listed.size(); i++) {
                String o = listed.get(i);
                if ("all".equals(o)) {
                    out.addAll(new TreeSet<>(registry.presets().keySet()));
                    continue;
                }
                try {
                    resolver.resolve(o);
                } catch (ConfigurationException e) {
                    throw at("optimizers[" + i + "]", e.getMessage());
                }
                out.add(o);
            }
            List<String> excluded = exclude == null ? List.of() : exclude;
            for (int i = 0; i < excluded.size(); i++) {
                if (!out.remove(excluded.get(i)) && !registry.presets().containsKey(excluded.get(i))) {
                    throw at("exclude[" + i + "]", "'" + excluded.get(i) + "' is not among the optimizers");
                }
            }
            if (out.isEmpty()) {
                throw at("optimizers", "no optimizer left to run");
            }
            return List.copyOf(out);
        }

        private List<Double> grid(List<Double> grid, String key) {
            if (grid.isEmpty()) {
                throw at(key, "needs at least one step size");
            }
            if (grid.size() > MAX_GRID) {
                throw at(key, "has " + grid.size() + " step sizes, at most " + MAX_GRID + " are allowed");
            }
            for (int i = 0; i < grid.size(); i++) {
                Double g = grid.get(i);
                if (g == null || !(g > 0) || Double.isInfinite(g)) {
                    throw at(key + "[" + i + "]", "step sizes must be positive numbers, got " + g);
                }
                if (i > 0 && !(g > grid.get(i - 1))) {
                    throw at(key + "[" + i + "]", "the grid must be ascending, got " + g + " after " + grid.get(i - 1));
                }
            }
            return List.copyOf(grid);
        }

        private SuiteProblem problem(RawProblem raw, String key, int defaultSteps, List<Double> defaultGrid) {
            String spec = require(raw.problem(), key + ".problem");
            try {
                Problems.canonical(registry, spec);
            } catch (ConfigurationException e) {
                throw at(key + ".problem", e.getMessage());
            }
            String name = spec.contains("(") ? spec.substring(0, spec.indexOf('(')).trim() : spec.trim();
            int steps = raw.steps() == null ? defaultSteps : within(raw.steps(), 1, MAX_STEPS, key + ".steps");
            List<double[]> starts = new ArrayList<>();
            if (raw.lattice() != null) {
                starts = lattice(raw.lattice(), key + ".lattice");
                String canonical = Problems.canonical(registry, spec);
                if (!canonical.contains("x0=") || spec.matches(".*\\b[xy]0\\s*=.*")) {
                    throw at(key + ".lattice", "a lattice needs a two-dimensional problem with x0 and y0 left out,"
                            + " got '" + spec + "'");
                }
            }
            if (raw.target() != null && Double.isNaN(raw.target())) {
                throw at(key + ".target", "must be a number");
            }
            String label = raw.label() != null ? raw.label().trim() : name;
            if (!label.matches("[A-Za-z0-9._-]+")) {
                throw at(key + ".label", "use letters, digits, '.', '_' and '-' only (it names files), got '" + label + "'");
            }
            boolean log = raw.logScale() == null || raw.logScale();
            List<Double> grid = raw.grid() == null ? defaultGrid : grid(raw.grid(), key + ".grid");
            int records = raw.records() == null ? 100 : within(raw.records(), 1, MAX_RECORDS, key + ".records");
            return new SuiteProblem(label, spec.trim(), steps, raw.target(), List.copyOf(starts), log, grid, records);
        }

        private List<double[]> lattice(RawLattice raw, String key) {
            int n = within(require(raw.n(), key + ".n"), 1, MAX_LATTICE, key + ".n");
            List<Double> x = range(raw.x(), key + ".x");
            List<Double> y = range(raw.y(), key + ".y");
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out.add(new double[] {point(x, i, n), point(y, j, n)});
                }
            }
            return out;
        }

        private List<Double> range(List<Double> r, String key) {
            if (r == null || r.size() != 2 || r.contains(null) || !(r.get(0) <= r.get(1))) {
                throw at(key, "must be [low, high] with low <= high, got " + r);
            }
            return r;
        }

        private static double point(List<Double> range, int i, int n) {
            return n == 1 ? (range.get(0) + range.get(1)) / 2 : range.get(0) + (range.get(1) - range.get(0)) * i / (n - 1);
        }

        private int within(int value, int min, int max, String key) {
            if (value < min || value > max) {
                throw at(key, "must be in [" + min + ", " + max + "], got " + value);
            }
            return value;
        }

        private <T> T require(T value, String key) {
            if (value == null) {
                throw at(key, "is missing");
            }
            return value;
        }

        private ConfigurationException at(String key, String message) {
            return error(source, lineOf(lines, key, null), key, message);
        }
    }

    /**
     * A value of the wrong type in the project's words: what the key expects and what the file holds, e.g.
     * "expected a list of numbers ([a, b] or one '- a' line each), got a number".
     */
    static String mismatch(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        String expected = expected(e.getTargetType(), e.getPath().isEmpty() ? null
                : e.getPath().get(e.getPath().size() - 1));
        java.util.regex.Matcher got = java.util.regex.Pattern.compile("from (?:an? )?([A-Z][A-Za-z-]*)")
                .matcher(e.getOriginalMessage());
        String found = got.find() ? switch (got.group(1)) {
            case "Floating-point", "Integer" -> "a number";
            case "String" -> "text";
            case "Boolean" -> "true or false";
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            default -> got.group(1).toLowerCase(java.util.Locale.ROOT) + " value";
        } : e.getOriginalMessage().contains("START_ARRAY") ? "a list"
                : e.getOriginalMessage().contains("START_OBJECT") ? "a mapping" : null;
        return "expected " + expected + (found == null ? "" : ", got " + found);
    }

    private static String expected(Class<?> type, JsonMappingException.Reference where) {
        if (type == null) {
            return "another kind of value";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            String of = where != null && "grid".equals(where.getFieldName()) ? "numbers" : "values";
            return "a list of " + of + " ([a, b] or one '- a' line each)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        return "a mapping of keys to values";
    }

    /** The line of {@code key}, or of its closest enclosing key that has one, else where Jackson stopped. */
    private static int lineOf(Map<String, Integer> lines, String key, JsonProcessingException e) {
        String k = key;
        while (!k.isEmpty()) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            k = cut < 0 ? "" : k.substring(0, cut);
        }
        return e == null ? 0 : line(e.getLocation());
    }

    /** The line of every key and list element, by its path as written in messages ({@code problems[2].steps}). */
    private static Map<String, Integer> lines(JsonFactory factory, String text, String source) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y
                        && (y.isCurrentAlias() || y.getObjectId() != null)) {
                    throw error(source, p.currentTokenLocation().getLineNr(), "", "YAML anchors and aliases (&name,"
                            + " *name) are not supported here; write the values out");
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String path = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path = p.getParsingContext().getParent() == null ? ""
                            : p.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(dotted(path), p.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw error(source, line(e.getLocation()), "", syntax(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * SnakeYAML's multi-line syntax message on one line: its sentences without the position and snippet lines, e.g.
     * "while parsing a flow sequence; expected ',' or ']', but got :".
     */
    static String syntax(String message) {
        List<String> parts = new ArrayList<>();
        for (String l : message.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.startsWith("at [Source") && !t.equals("^")
                    && !l.startsWith("    ")) {
                parts.add(t);
            }
        }
        return parts.isEmpty() ? message.strip() : String.join("; ", parts);
    }

    /** {@code /problems/2/steps} as {@code problems[2].steps}. */
    private static String dotted(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("\\d+")) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return sb.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static ConfigurationException error(String source, int line, String key, String message) {
        return new ConfigurationException("suite file " + source + (line > 0 ? ", line " + line : "")
                + (key.isEmpty() ? "" : ", key '" + key + "'") + ": " + message);
    }
}
