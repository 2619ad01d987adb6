package dev.ogr.core.recipe;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Recipe;
import dev.ogr.api.StrategyCall;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.Suggestions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the recipe text form: clauses separated by {@code ;}, each either {@code slot=name(key=value, ...)}
 * for a strategy slot, {@code option=value} for an optimizer option, or (first clause only) a bare preset name:
 *
 * <pre>ogr1d; lr=fixed(eta=0.05); warmup=10</pre>
 *
 * <p>Also parses a single call {@code name(key=value, ...)}, the form problems are written in.
 */
public final class RecipeParser {

    private final Set<String> optionNames;

    /** A parser that accepts the given optimizer option names besides the strategy slots. */
    public RecipeParser(Set<String> optionNames) {
        this.optionNames = Set.copyOf(optionNames);
    }

    /**
     * Parses a recipe.
     *
     * @throws ConfigurationException for malformed text (naming the column), an unknown key or a repeated slot
     */
    public Recipe parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("empty recipe: give a preset name or clauses like 'lr=fixed(eta=0.01)'");
        }
        Cursor c = new Cursor(text);
        Optional<String> preset = Optional.empty();
        Map<StrategyKind, StrategyCall> strategies = new EnumMap<>(StrategyKind.class);
        Map<String, String> options = new LinkedHashMap<>();
        boolean first = true;
        while (true) {
            c.skipSpaces();
            if (c.atEnd()) {
                break;
            }
            int keyColumn = c.column();
            String key = c.word("a preset name or a key such as 'direction'");
            c.skipSpaces();
            if (!c.peek('=')) {
                if (!first) {
                    throw c.error("expected '=' after '" + key + "' (only the first clause may be a bare preset name)");
                }
                if (c.peek('(')) {
                    throw c.error("presets take no arguments; override a slot instead, e.g. '" + key
                            + "; lr=fixed(eta=0.1)'");
                }
                preset = Optional.of(key);
            } else {
                c.expect('=');
                Optional<StrategyKind> kind = StrategyKind.byKey(key);
                if (kind.isPresent()) {
                    if (strategies.containsKey(kind.get())) {
                        throw new ConfigurationException("recipe names the " + key + " slot twice (column "
                                + keyColumn + ") in '" + text + "'");
                    }
                    strategies.put(kind.get(), call(c));
                } else if (optionNames.contains(key)) {
                    if (options.containsKey(key)) {
                        throw new ConfigurationException("recipe sets option '" + key + "' twice in '" + text + "'");
                    }
                    c.skipSpaces();
                    options.put(key, c.value());
                } else {
                    List<String> keys = new ArrayList<>();
                    for (StrategyKind k : StrategyKind.values()) {
                        keys.add(k.key());
                    }
                    // the former spellings of the outside slot are read, not advertised
                    keys.addAll(optionNames.stream()
                            .filter(o -> !dev.ogr.core.OptimizerOptions.FORMER_OUTSIDE_OPTIONS.containsKey(o))
                            .sorted().toList());
                    throw new ConfigurationException("unknown recipe key '" + key + "'" + Suggestions.hint(key, keys)
                            + "; keys are: " + String.join(", ", keys));
                }
            }
            first = false;
            c.skipSpaces();
            if (c.atEnd()) {
                break;
            }
            c.expect(';');
        }
        if (preset.isEmpty() && strategies.isEmpty() && options.isEmpty()) {
            throw new ConfigurationException("empty recipe: give a preset name or clauses like 'lr=fixed(eta=0.01)'");
        }
        return new Recipe(preset, strategies, options);
    }

    /**
     * Parses one call {@code name} or {@code name(key=value, ...)} making up the whole of {@code text}.
     *
     * @throws ConfigurationException for malformed text, naming the column
     */
    public static StrategyCall parseCall(String text) {
        return parseCall(text, "specification");
    }

    /**
     * Like {@link #parseCall(String)}, with errors calling the text what it is ({@code what}: e.g. {@code problem},
     * as in "malformed problem 'beale(x0=1': expected ')' at column 11").
     */
    public static StrategyCall parseCall(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("empty " + what + ": expected name or name(key=value, ...)");
        }
        Cursor c = new Cursor(text, what);
        StrategyCall call = call(c);
        c.skipSpaces();
        if (!c.atEnd()) {
            throw c.error("unexpected text after ')'");
        }
        return call;
    }

    private static StrategyCall call(Cursor c) {
        c.skipSpaces();
        String name = c.word("a name");
        Map<String, String> args = new LinkedHashMap<>();
        c.skipSpaces();
        if (c.peek('(')) {
            c.expect('(');
            c.skipSpaces();
            if (!c.peek(')')) {
                while (true) {
                    c.skipSpaces();
                    String key = c.word("a parameter name");
                    c.skipSpaces();
                    c.expect('=');
                    c.skipSpaces();
                    String value = c.value();
                    if (args.put(key, value) != null) {
                        throw new ConfigurationException("parameter '" + key + "' of '" + name + "' is given twice in '"
                                + c.text + "'");
                    }
                    c.skipSpaces();
                    if (c.peek(',')) {
                        c.expect(',');
                        continue;
                    }
                    break;
                }
            }
            c.expect(')');
        }
        return new StrategyCall(name, args);
    }

    /** A position in the text being parsed, with error reporting by column. */
    private static final class Cursor {
        final String text;
        final String what;
        int pos;

        Cursor(String text) {
            this(text, "recipe");
        }

        Cursor(String text, String what) {
            this.text = text;
            this.what = what;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        int column() {
            return pos + 1;
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean peek(char ch) {
            return !atEnd() && text.charAt(pos) == ch;
        }

        void expect(char ch) {
            if (!peek(ch)) {
                throw error("expected '" + ch + "'");
            }
            pos++;
        }

        String word(String what) {
            int start = pos;
            while (!atEnd() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected " + what);
            }
            return text.substring(start, pos);
        }

        /** A value: everything up to the next ',', ')' or ';', trimmed and non-empty. */
        String value() {
            int start = pos;
            while (!atEnd() && ",);(=".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String v = text.substring(start, pos).trim();
            if (v.isEmpty()) {
                throw error("expected a value");
            }
            return v;
        }

        ConfigurationException error(String what) {
            String found = atEnd() ? "end of text" : "'" + text.charAt(pos) + "'";
            return new ConfigurationException("malformed " + this.what + " '" + text + "': " + what + " at column "
                    + column() + ", found " + found);
        }

        private static boolean isWordChar(char ch) {
            return Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '+' || ch == '.';
        }
    }
}
