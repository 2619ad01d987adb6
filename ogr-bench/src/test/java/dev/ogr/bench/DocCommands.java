package dev.ogr.bench;

import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.cli.OgrCli;
import dev.ogr.bench.dl4j.Dl4jSuiteFile;
import dev.ogr.bench.problems.Problems;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The commands of the README and the docs, checked against the repository: the shell lines of their {@code bash},
 * {@code sh} and {@code shell} blocks, and the inline code spans that start with {@code ./ogr}, {@code ./mvnw} or a
 * launcher. Every {@code ./ogr} command is parsed by the real command line (unknown options and subcommands fail),
 * its recipes, problems, suites and suite files are read as {@code ./ogr} would read them, and the cheap ones
 * ({@code list}, {@code --help}, {@code bench --print}, short {@code run}s on bundled problems) are run in-process;
 * {@code ./mvnw} commands must name existing POMs, modules, profiles and test classes and only known flags and
 * phases; other commands must name existing repository paths. Placeholders in capitals ({@code DIR}, {@code FILE},
 * {@code SUITE}), paths under {@code target/} or {@code ~}, absolute paths and files written by an earlier command of
 * the same page are allowed. A {@code cd} in a block applies to the commands after it on the same page; inline spans
 * run from the root.
 */
final class DocCommands {

    /** One command of a page: where it is, its text, and whether it comes from a code block or an inline span. */
    record Snippet(String file, int line, String text, boolean inline) {
        String where() {
            return file + ":" + line;
        }
    }

    /** One simple command: environment assignments, words, files it writes ({@code >}) and reads ({@code <}). */
    record Cmd(Map<String, String> env, List<String> words, List<String> writes, List<String> reads) {
    }

    /** What the check of one page found. */
    record Report(List<String> problems, int checked, List<String> ran) {
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*([A-Za-z0-9_+-]*).*$");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_]*([.@/].*)?");
    private static final Set<String> SHELL_LANGUAGES = Set.of("bash", "sh", "shell");
    private static final Set<String> MAVEN_PHASES = Set.of("clean", "validate", "initialize", "generate-sources",
            "process-sources", "generate-resources", "process-resources", "compile", "process-classes",
            "generate-test-sources", "process-test-sources", "generate-test-resources", "process-test-resources",
            "test-compile", "process-test-classes", "test", "prepare-package", "package", "pre-integration-test",
            "integration-test", "post-integration-test", "verify", "install", "deploy", "site");
    /** Maven flags without a value, and those that take one. */
    private static final Set<String> MAVEN_FLAGS = Set.of("-B", "--batch-mode", "-q", "--quiet", "-o", "--offline",
            "-e", "--errors", "-X", "--debug", "-U", "--update-snapshots", "-N", "--non-recursive", "-am",
            "--also-make", "-amd", "--also-make-dependents", "-ntp", "--no-transfer-progress", "-fae", "--fail-at-end",
            "-ff", "--fail-fast", "-V", "--show-version", "-v", "--version", "-h", "--help");
    private static final Set<String> MAVEN_VALUED = Set.of("-f", "--file", "-pl", "--projects", "-P",
            "--activate-profiles", "-T", "--threads", "-rf", "--resume-from", "-s", "--settings", "-D", "--define");
    /** Environment variables a user may set that no file of the repository names. */
    private static final Set<String> STANDARD_ENV = Set.of("JAVA_HOME", "MAVEN_OPTS", "PATH", "HOME", "LANG");
    private static final Set<String> OGR_BENCH_SPECIAL = Set.of("lr", "dl4j", "dl4j-defaults");

    private final Path root;
    private final Path scratch;
    private final StrategyRegistry registry = PluginLoader.load();
    private final RecipeResolver resolver = new RecipeResolver(registry);
    private final String knownEnvText;
    private final Set<String> ranAlready = new HashSet<>();

    /**
     * @param root    the repository's root
     * @param scratch where the commands that are run write their {@code target/} files and redirections
     */
    DocCommands(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
        StringBuilder text = new StringBuilder();
        for (String launcher : List.of("ogr", "ogr-spark/bench", ".ci/run", "mvnw")) {
            text.append(read(root.resolve(launcher))).append('\n');
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .forEach(p -> text.append(read(p)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.knownEnvText = text.toString();
    }

    /** The repository's root: the first directory upwards from the working directory with {@code ./ogr} and docs/. */
    static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ogr")) && Files.isRegularFile(p.resolve("mvnw"))
                    && Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with ogr, mvnw, README.md, docs/) above "
                + Path.of("").toAbsolutePath());
    }

    /** README.md and every page under docs/, as paths relative to the root. */
    static List<String> pages(Path root) {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).map(p -> "docs/" + p.getFileName()).sorted()
                    .forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Extraction

    /** The commands of a Markdown page: logical lines of shell blocks, and inline spans that start with a command. */
    static List<Snippet> extract(String file, String markdown) {
        List<Snippet> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String fence = null;
        boolean shell = false;
        StringBuilder logical = null;
        int logicalStart = 0;
        List<String> paragraph = new ArrayList<>();
        int paragraphStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = FENCE.matcher(line);
            if (fence == null && m.matches()) {
                inline(file, paragraph, paragraphStart, out);
                paragraph.clear();
                fence = m.group(1);
                shell = SHELL_LANGUAGES.contains(m.group(2).toLowerCase());
                continue;
            }
            if (fence != null) {
                if (line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), "").isEmpty()) {
                    fence = null;
                    continue;
                }
                if (!shell) {
                    continue;
                }
                if (logical == null) {
                    logical = new StringBuilder();
                    logicalStart = i + 1;
                }
                if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                    logical.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                logical.append(line);
                if (!logical.toString().isBlank()) {
                    out.add(new Snippet(file, logicalStart, logical.toString().trim(), false));
                }
                logical = null;
                continue;
            }
            if (line.isBlank()) {
                inline(file, paragraph, paragraphStart, out);
                paragraph.clear();
            } else {
                if (paragraph.isEmpty()) {
                    paragraphStart = i + 1;
                }
                paragraph.add(line);
            }
        }
        inline(file, paragraph, paragraphStart, out);
        return out;
    }

    private static void inline(String file, List<String> paragraph, int start, List<Snippet> out) {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = String.join("\n", paragraph);
        Matcher m = INLINE.matcher(text);
        while (m.find()) {
            String span = m.group(1).replace('\n', ' ').replace("\\|", "|").trim();
            if (startsWithCommand(span)) {
                int line = start + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                out.add(new Snippet(file, line, span, true));
            }
        }
    }

    private static boolean startsWithCommand(String span) {
        String rest = span;
        while (true) {
            String first = rest.split("\\s+", 2)[0];
            if (ENV.matcher(first).matches() && rest.contains(" ")) {
                rest = rest.substring(first.length()).trim();
                continue;
            }
            return first.equals("./ogr") || first.equals("./mvnw") || first.equals("ogr-spark/bench")
                    || first.equals(".ci/run");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shell syntax

    /** The simple commands of one logical shell line: split on ; && || | &, comments dropped, quotes respected. */
    static List<Cmd> parse(String line) {
        List<Cmd> cmds = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        StringBuilder word = null;
        String redirect = null; // ">" or "<" while the next word is the redirection's file
        int i = 0;
        int n = line.length();
        while (i <= n) {
            char c = i < n ? line.charAt(i) : '\0';
            boolean end = i == n;
            if (!end && word == null && c == '#') {
                break; // a comment: the rest of the line
            }
            if (!end && c == '\'') {
                word = word == null ? new StringBuilder() : word;
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated ' in: " + line);
                }
                word.append(line, i + 1, close);
                i = close + 1;
                continue;
            }
            if (!end && c == '"') {
                word = word == null ? new StringBuilder() : word;
                int j = i + 1;
                while (j < n && line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\' && j + 1 < n && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    word.append(line.charAt(j));
                    j++;
                }
                if (j >= n) {
                    throw new IllegalArgumentException("unterminated \" in: " + line);
                }
                i = j + 1;
                continue;
            }
            if (!end && c == '\\' && i + 1 < n) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(i + 1));
                i += 2;
                continue;
            }
            boolean space = end || Character.isWhitespace(c);
            boolean operator = !end && ";&|<>".indexOf(c) >= 0;
            if (!space && !operator) {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
                i++;
                continue;
            }
            // a word ends here
            if (word != null) {
                String w = word.toString();
                word = null;
                if (operator && (c == '>' || c == '<') && w.matches("[0-9]")) {
                    // a file descriptor: 2> file, 2>&1
                } else if (redirect != null) {
                    (redirect.equals(">") ? writes : reads).add(w);
                    redirect = null;
                } else {
                    words.add(w);
                }
            }
            if (end) {
                break;
            }
            if (c == '>' || c == '<') {
                if (c == '>' && i + 1 < n && line.charAt(i + 1) == '&') {
                    i += 2;
                    while (i < n && Character.isDigit(line.charAt(i))) {
                        i++;
                    }
                    continue;
                }
                redirect = String.valueOf(c);
                i += (c == '>' && i + 1 < n && line.charAt(i + 1) == '>') ? 2 : 1;
                continue;
            }
            if (operator) { // ; & | && ||
                add(cmds, words, writes, reads);
                words = new ArrayList<>();
                writes = new ArrayList<>();
                reads = new ArrayList<>();
                i += (i + 1 < n && (line.charAt(i + 1) == c)) ? 2 : 1;
                continue;
            }
            i++;
        }
        add(cmds, words, writes, reads);
        return cmds;
    }

    private static void add(List<Cmd> cmds, List<String> words, List<String> writes, List<String> reads) {
        Map<String, String> env = new LinkedHashMap<>();
        int k = 0;
        while (k < words.size() && ENV.matcher(words.get(k)).matches()) {
            String w = words.get(k);
            env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
            k++;
        }
        List<String> rest = words.subList(k, words.size());
        if (!rest.isEmpty() || !env.isEmpty()) {
            cmds.add(new Cmd(env, List.copyOf(rest), List.copyOf(writes), List.copyOf(reads)));
        }
    }

    /** A synopsis in running text, {@code ./ogr bench dl4j [--model mlp|cnn] [--optimizers a,...]}, as a command. */
    static String synopsis(String span) {
        String s = span.replace("[", " ").replace("]", " ");
        s = s.replaceAll("(?<=\\S)\\|\\S+", ""); // alternatives: the first
        s = s.replaceAll(",\\.\\.\\.", "").replaceAll("(^|\\s)\\.\\.\\.(?=\\s|$)", " ");
        return s.trim().replaceAll("\\s+", " ");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checking

    /** Checks, and where cheap runs, every command of one page. */
    Report check(String file, String markdown) {
        List<String> problems = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        int checked = 0;
        String cwd = "";
        for (Snippet s : extract(file, markdown)) {
            List<Cmd> cmds;
            try {
                cmds = parse(s.inline() ? synopsis(s.text()) : s.text());
            } catch (IllegalArgumentException e) {
                problems.add(s.where() + ": `" + s.text() + "`: " + e.getMessage());
                continue;
            }
            if (s.inline()) {
                cwd = "";
            }
            for (Cmd c : cmds) {
                checked++;
                List<String> found = new ArrayList<>();
                cwd = check(s, c, cwd, produced, found, ran);
                for (String f : found) {
                    problems.add(s.where() + ": `" + s.text() + "`: " + f);
                }
                produced.addAll(c.writes());
            }
        }
        return new Report(problems, checked, ran);
    }

    /** Checks one simple command; returns the working directory after it (relative to the root). */
    private String check(Snippet s, Cmd c, String cwd, Set<String> produced, List<String> problems, List<String> ran) {
        for (String w : concat(c.words(), c.writes(), c.reads(), List.copyOf(c.env().values()))) {
            if (w.contains("../shared") || w.startsWith("shared/") || w.contains("/shared/data")) {
                problems.add("'" + w + "' points to shared/, which exists only on the developers' machines;"
                        + " name the data directory DIR (--data DIR)");
            }
        }
        for (Map.Entry<String, String> e : c.env().entrySet()) {
            checkEnvironment(e.getKey(), e.getValue(), cwd, produced, problems);
        }
        for (String r : c.reads()) {
            checkPath(r, cwd, produced, "input file", problems);
        }
        if (c.words().isEmpty()) {
            return cwd;
        }
        String cmd = c.words().get(0);
        List<String> args = c.words().subList(1, c.words().size());
        switch (cmd) {
            case "./ogr" -> {
                checkPath(cmd, cwd, produced, "launcher", problems);
                checkOgr(s, c, args, cwd, produced, problems, ran);
            }
            case "./mvnw" -> {
                checkPath(cmd, cwd, produced, "Maven wrapper", problems);
                checkMaven(args, cwd, problems);
            }
            case "ogr-spark/bench" -> {
                checkPath(cmd, cwd, produced, "launcher", problems);
                checkOptionsNamedIn(args, "ogr-spark/src/main/java", cwd, produced, problems);
            }
            case "cd" -> {
                if (args.isEmpty() || args.get(0).startsWith("~") || args.get(0).startsWith("/")) {
                    return "";
                }
                String dir = args.get(0);
                if (isPlaceholder(dir) || isOutput(dir)) {
                    return cwd;
                }
                Path target = root.resolve(cwd).resolve(dir).normalize();
                if (!Files.isDirectory(target)) {
                    problems.add("no directory '" + dir + "' (from " + (cwd.isEmpty() ? "the root" : cwd) + ")");
                    return cwd;
                }
                return root.relativize(target).toString();
            }
            case "export" -> {
                for (String a : args) {
                    if (ENV.matcher(a).matches()) {
                        checkEnvironment(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1), cwd,
                                produced, problems);
                    }
                }
            }
            default -> {
                if (cmd.contains("/")) {
                    checkPath(cmd, cwd, produced, "program", problems);
                }
                for (String a : args) {
                    if (!a.startsWith("-") && looksLikeRepoPath(a)) {
                        checkPath(a, cwd, produced, "path", problems);
                    }
                }
            }
        }
        return cwd;
    }

    private void checkEnvironment(String name, String value, String cwd, Set<String> produced, List<String> problems) {
        if (!STANDARD_ENV.contains(name) && !Pattern.compile("\\b" + name + "\\b").matcher(knownEnvText).find()) {
            problems.add("environment variable " + name + " is read by nothing in the repository (the launchers and"
                    + " the main sources)");
        }
        if (name.equals("OGR_CLASSPATH") || name.equals("OGR_DATA")) {
            for (String part : value.split(":")) {
                if (!part.isEmpty()) {
                    checkPath(part, cwd, produced, name + " entry", problems);
                }
            }
        }
    }

    /** A relative repository path must exist, unless it is a placeholder, an output or a file written earlier. */
    private void checkPath(String path, String cwd, Set<String> produced, String what, List<String> problems) {
        if (path.isEmpty() || path.contains("shared/") || path.startsWith("/") || path.startsWith("~") || path.startsWith("$")
                || path.contains("://") || path.contains("*") || isPlaceholder(path) || isOutput(path)
                || produced.contains(path)) {
            return;
        }
        if (!Files.exists(root.resolve(cwd).resolve(path))) {
            problems.add("no " + what + " '" + path + "'" + (cwd.isEmpty() ? "" : " in " + cwd));
        }
    }

    static boolean isPlaceholder(String word) {
        return PLACEHOLDER.matcher(word).matches() && !word.equals("README.md");
    }

    /** Paths that a build or a command writes: under target/ (of any module) or a report directory. */
    static boolean isOutput(String path) {
        return path.startsWith("target/") || path.equals("target") || path.contains("/target/");
    }

    private static boolean looksLikeRepoPath(String word) {
        if (word.contains("://") || word.contains("=") || word.contains("(") || word.contains(" ")) {
            return false;
        }
        return word.contains("/") || word.matches(".*\\.(md|ya?ml|json|xml|java|jar|sh|csv|properties|txt)");
    }

    // ./mvnw

    private void checkMaven(List<String> args, String cwd, List<String> problems) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            String flag = a;
            if (a.startsWith("-D") && a.length() > 2) {
                flag = "-D";
                value = a.substring(2);
            } else if (a.startsWith("-P") && a.length() > 2 && !a.startsWith("-P=")) {
                flag = "-P";
                value = a.substring(2);
            } else if (MAVEN_VALUED.contains(a)) {
                if (i + 1 >= args.size()) {
                    problems.add("Maven option " + a + " needs a value");
                    return;
                }
                value = args.get(++i);
            } else if (a.startsWith("-")) {
                if (!MAVEN_FLAGS.contains(a)) {
                    problems.add("unknown Maven option '" + a + "'");
                }
                continue;
            } else {
                if (!MAVEN_PHASES.contains(a) && !a.matches("[A-Za-z0-9.-]+(:[A-Za-z0-9.-]+){1,3}")) {
                    problems.add("unknown Maven phase or goal '" + a + "'");
                }
                continue;
            }
            switch (flag) {
                case "-f", "--file" -> {
                    Path pom = root.resolve(cwd).resolve(value);
                    if (!(Files.isRegularFile(pom) || Files.isRegularFile(pom.resolve("pom.xml")))) {
                        problems.add("no POM '" + value + "' for -f");
                    }
                }
                case "-pl", "--projects" -> {
                    for (String module : value.split(",")) {
                        String m = module.replaceFirst("^[!-]", "");
                        boolean exists = m.startsWith(":")
                                ? Files.isRegularFile(root.resolve(cwd).resolve(m.substring(1)).resolve("pom.xml"))
                                : Files.isRegularFile(root.resolve(cwd).resolve(m).resolve("pom.xml"));
                        if (!exists) {
                            problems.add("no module '" + module + "' for -pl");
                        }
                    }
                }
                case "-P", "--activate-profiles" -> {
                    for (String profile : value.split(",")) {
                        String p = profile.replaceFirst("^[!-]", "");
                        if (!profileExists(p)) {
                            problems.add("no Maven profile '" + p + "' in any pom.xml");
                        }
                    }
                }
                case "-D", "--define" -> {
                    if (value.startsWith("test=")) {
                        for (String t : value.substring(5).split(",")) {
                            String cls = t.replaceFirst("#.*", "");
                            if (!cls.contains("*") && !isPlaceholder(cls) && !testClassExists(cls)) {
                                problems.add("no test class '" + cls + "' for -Dtest");
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private boolean profileExists(String id) {
        try (Stream<Path> files = Files.walk(root, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("pom.xml") && !p.toString().contains("/target/"))
                    .anyMatch(p -> read(p).matches("(?s).*<profile>\\s*<id>" + Pattern.quote(id) + "</id>.*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean testClassExists(String cls) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1) + ".java";
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(simple) && p.toString().contains("/src/test/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // other launchers

    private void checkOptionsNamedIn(List<String> args, String sources, String cwd, Set<String> produced,
            List<String> problems) {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(root.resolve(sources))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> text.append(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String a : args) {
            if (a.startsWith("--")) {
                String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (!text.toString().contains("\"" + option + "\"")) {
                    problems.add("unknown option '" + option + "' (no \"" + option + "\" in " + sources + ")");
                }
            } else if (looksLikeRepoPath(a)) {
                checkPath(a, cwd, produced, "path", problems);
            }
        }
    }

    // ./ogr

    private void checkOgr(Snippet s, Cmd c, List<String> rawArgs, String cwd, Set<String> produced,
            List<String> problems, List<String> ran) {
        if (rawArgs.isEmpty()) {
            return; // running text names the launcher itself
        }
        List<String> args = typedPlaceholders(rawArgs);
        ParseResult parsed;
        try {
            parsed = new CommandLine(OgrCli.class).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.MissingParameterException e) {
            // picocli checks the required options before the unknown ones: report those too
            List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
            if (!unmatched.isEmpty()) {
                problems.add("./ogr: unknown option or argument " + unmatched + " of '"
                        + e.getCommandLine().getCommandName() + "'");
            }
            if (!s.inline()) { // running text may name a command without its required arguments
                problems.add("./ogr: " + e.getMessage());
            }
            return;
        } catch (CommandLine.ParameterException e) {
            problems.add("./ogr: " + e.getMessage());
            return;
        }
        ParseResult sub = parsed.subcommand();
        boolean placeholders = rawArgs.stream().anyMatch(a -> isPlaceholder(a) || a.contains("=") && isPlaceholder(
                a.substring(a.indexOf('=') + 1)));
        boolean cheap;
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || sub == null) {
            cheap = true;
        } else if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
            cheap = true;
        } else {
            String name = sub.commandSpec().name();
            cheap = switch (name) {
                case "list", "help" -> true;
                case "run" -> checkRun(sub, c, cwd, produced, problems);
                case "bench" -> checkBench(sub, c, cwd, produced, problems);
                case "perf" -> checkPerf(sub, c, problems);
                default -> false;
            };
        }
        if (cheap && problems.isEmpty() && !placeholders && c.env().isEmpty()) {
            run(s, c, rawArgs, problems, ran);
        }
    }

    /** Placeholders given to typed options (--seeds N, --pairs N) become a number, so that the parse can check. */
    private static List<String> typedPlaceholders(List<String> args) {
        CommandLine cl = new CommandLine(OgrCli.class);
        CommandLine current = cl;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (current == cl && current.getSubcommands().containsKey(a)) {
                current = current.getSubcommands().get(a);
                out.add(a);
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            OptionSpec option = a.startsWith("-") ? current.getCommandSpec().findOption(name) : null;
            if (option != null && option.arity().max() > 0) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.get(i + 1)
                        : null;
                Class<?> type = option.auxiliaryTypes()[0];
                boolean numeric = Number.class.isAssignableFrom(type) || type.isPrimitive();
                if (value != null && isPlaceholder(value) && numeric) {
                    value = "1";
                }
                if (a.contains("=")) {
                    out.add(name + "=" + value);
                } else {
                    out.add(a);
                    if (value != null) {
                        out.add(value);
                        i++;
                    }
                }
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private boolean checkRun(ParseResult run, Cmd c, String cwd, Set<String> produced, List<String> problems) {
        String optimizer = run.matchedOptionValue("--optimizer", null);
        String problem = run.matchedOptionValue("--problem", null);
        long steps = run.matchedOptionValue("--steps", 1000L);
        // a plugin's preset or problem on OGR_CLASSPATH is not loaded here: its unknown names are let pass
        List<String> names = new ArrayList<>();
        if (optimizer != null && !isPlaceholder(optimizer)) {
            recipe(optimizer, names);
        }
        boolean bundled = true;
        if (problem != null && !isPlaceholder(problem)) {
            try {
                String canonical = Problems.canonical(problem);
                bundled = !(canonical.startsWith("logistic(") && !canonical.contains("dataset=digits"));
            } catch (ConfigurationException e) {
                names.add("--problem: " + e.getMessage());
            }
        }
        names.stream().filter(m -> !pluginName(c, m)).forEach(problems::add);
        Path data = run.matchedOptionValue("--data", null);
        checkData(data, cwd, produced, problems);
        return data == null && bundled && steps <= 2000;
    }

    /**
     * Whether {@code message} refuses a name a plugin on the command's OGR_CLASSPATH may provide (an unknown preset,
     * strategy or problem): such plugins are not loaded here, so only their names go unchecked.
     */
    private static boolean pluginName(Cmd c, String message) {
        return c.env().containsKey("OGR_CLASSPATH") && message.matches("(?s).*\\bunknown (preset|problem|[a-z]+"
                + " strategy) '.*");
    }

    private boolean checkBench(ParseResult bench, Cmd c, String cwd, Set<String> produced, List<String> problems) {
        String suite = bench.matchedPositionalValue(0, null);
        boolean print = bench.matchedOptionValue("--print", false);
        Path file = bench.matchedOptionValue("--file", null);
        List<String> optimizers = bench.matchedOptionValue("--optimizers", null);
        Integer seeds = bench.matchedOptionValue("--seeds", null);
        Integer pairs = bench.matchedOptionValue("--pairs", null);
        checkData(bench.matchedOptionValue("--data", null), cwd, produced, problems);
        if (seeds != null && (seeds < 1 || seeds > 1000)) {
            problems.add("--seeds must be in [1, 1000], got " + seeds);
        }
        if (suite == null || isPlaceholder(suite)) {
            return false;
        }
        boolean dl4j = suite.equals("dl4j") || suite.equals("dl4j-defaults");
        if (pairs != null && !dl4j) {
            problems.add("--pairs times the dl4j suites only, got suite '" + suite + "'");
        }
        if (print) {
            if (SuiteFile.builtInText(suite) == null) {
                problems.add("--print takes a built-in suite, got '" + suite + "'");
            }
            return true;
        }
        Path dl4jFile = null;
        if (file != null && !isPlaceholder(file.toString())) {
            checkPath(file.toString(), cwd, produced, "dl4j suite file", problems);
            Path f = root.resolve(cwd).resolve(file);
            if (Files.isRegularFile(f)) {
                dl4jFile = f;
            }
        }
        if (SuiteFile.builtInText(suite) == null && !OGR_BENCH_SPECIAL.contains(suite)) {
            Path f = produced.contains(suite) && Files.isRegularFile(scratch.resolve(suite)) ? scratch.resolve(suite)
                    : root.resolve(cwd).resolve(suite);
            if (Files.isRegularFile(f)) {
                try {
                    SuiteFile.load(f.toString(), registry);
                } catch (ConfigurationException e) {
                    if (!pluginName(c, e.getMessage())) {
                        problems.add("suite file: " + e.getMessage());
                    }
                }
            } else if (!produced.contains(suite)) {
                problems.add("unknown suite '" + suite + "': neither a built-in suite (" + String.join(", ",
                        SuiteFile.BUILT_IN) + ", lr, dl4j, dl4j-defaults) nor a file of the repository or written"
                        + " by an earlier command");
            }
        }
        if (optimizers != null) {
            List<String> named = optimizers.stream().filter(o -> !isPlaceholder(o)).toList();
            if (dl4j) {
                try {
                    Dl4jSuiteFile.load(dl4jFile, suite).only(named);
                } catch (ConfigurationException e) {
                    problems.add("--optimizers: " + e.getMessage());
                }
            } else if (!suite.equals("lr")) {
                List<String> found = new ArrayList<>();
                named.forEach(o -> recipe(o, found));
                found.stream().filter(m -> !pluginName(c, m)).forEach(problems::add);
            }
        }
        return false; // a suite takes seconds to hours: checked, not run
    }

    private boolean checkPerf(ParseResult perf, Cmd c, List<String> problems) {
        List<Double> sizes = perf.matchedOptionValue("--sizes", List.of());
        for (double size : sizes) {
            if (size < 1 || size > 1e9 || size != Math.rint(size)) {
                problems.add("--sizes must be whole numbers in [1, 1e9], got " + size);
            }
        }
        List<String> presets = perf.matchedOptionValue("--presets", List.of());
        for (String p : presets) {
            if (isPlaceholder(p)) {
                continue;
            }
            List<String> found = new ArrayList<>();
            recipe(p, found);
            if (!found.isEmpty() && !c.env().containsKey("OGR_CLASSPATH")) { // a plugin's preset: not loaded here
                problems.addAll(found);
            }
        }
        return false;
    }

    private void recipe(String text, List<String> problems) {
        try {
            resolver.resolve(text);
        } catch (ConfigurationException e) {
            problems.add("recipe '" + text + "': " + e.getMessage());
        }
    }

    private void checkData(Path data, String cwd, Set<String> produced, List<String> problems) {
        if (data != null) {
            checkPath(data.toString(), cwd, produced, "data directory", problems);
        }
    }

    /** Runs a cheap ./ogr command in-process; target/ paths and redirections go to the scratch directory. */
    private void run(Snippet s, Cmd c, List<String> rawArgs, List<String> problems, List<String> ran) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rawArgs.size(); i++) {
            String a = rawArgs.get(i);
            boolean written = i > 0 && Set.of("--trace", "--out").contains(rawArgs.get(i - 1));
            if (a.startsWith("--trace=") || a.startsWith("--out=")) {
                String option = a.substring(0, a.indexOf('=') + 1);
                args.add(option + scratch.resolve(a.substring(option.length())));
            } else {
                args.add(isOutput(a) || written ? scratch.resolve(a).toString() : a);
            }
        }
        String key = String.join("\u0000", args) + "\u0001" + c.writes();
        if (!ranAlready.add(key)) {
            ran.add(s.where() + ": ./ogr " + String.join(" ", rawArgs) + " (ran before)");
            return;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OgrCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        ran.add(s.where() + ": ./ogr " + String.join(" ", rawArgs));
        if (status != 0) {
            problems.add("exit status " + status + ": " + err.toString().trim());
            return;
        }
        for (String w : c.writes()) {
            try {
                Path target = scratch.resolve(w);
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.writeString(target, out.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
