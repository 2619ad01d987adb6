package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.core.plugin.PluginLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the README and the docs works from a fresh clone as written: each names only options, paths,
 * suites, recipes and problems that exist, and the cheap ones run (see {@link DocCommands}). Also: every link
 * between the pages resolves, anchors included; CI runs the README's test command; the DL4J page's examples are
 * those {@code ReadmeExamplesTest} runs.
 */
class DocCommandsTest {

    private static final Path ROOT = DocCommands.findRoot();

    @TempDir
    static Path scratch;

    @Test
    void everyCommandOfTheReadmeAndTheDocsChecksOutAndTheCheapOnesRun() {
        DocCommands checker = new DocCommands(ROOT, scratch);
        List<String> problems = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        int checked = 0;
        List<String> pages = DocCommands.pages(ROOT);
        for (String page : pages) {
            DocCommands.Report r = checker.check(page, DocCommands.read(ROOT.resolve(page)));
            problems.addAll(r.problems());
            ran.addAll(r.ran());
            checked += r.checked();
        }
        System.out.printf(Locale.ROOT, "DocCommandsTest: %d commands checked in %d pages, %d run:%n  %s%n", checked,
                pages.size(), ran.size(), String.join("\n  ", ran));
        assertTrue(problems.isEmpty(), problems.size() + " command(s) of the README and the docs do not work as"
                + " written:\n" + String.join("\n", problems));
        assertTrue(checked >= 40, "only " + checked + " commands found: is the extraction broken?");
        assertTrue(ran.size() >= 5, "only " + ran.size() + " commands run: " + ran);
    }

    @Test
    void theCheckNamesTheFileTheLineAndTheCommandOfEveryMistake() {
        String page = String.join("\n",
                "# A page",
                "",
                "```bash",
                "./ogr run --optimizer ogr1d --problem beale --stpes 10   # a misspelt option",
                "./mvnw -B -f examples/no-such-plugin/pom.xml verify",
                "cat docs/no-such-page.md | head -3",
                "OGR_THREADZ=2 ./ogr list",
                "./ogr bench quick --data ../shared/data",
                "./ogr run --optimizer ogr1d --problem beale --steps 0",
                "./ogr run --optimizer 'ogr1d; lr=fixd(eta=0.1)' --problem beale \\",
                "    --steps 10",
                "./ogr list; ./mvnw -B -Pcudaa -pl ogr-nope instal",
                "OGR_THREADS=2 ./ogr perf --presets asgd --sizes 1e7",
                "cd examples/sigma-ratio-plugin && cat pom.xml src/nope.txt",
                "```",
                "",
                "Run `./ogr bench quik --out target/q` or",
                "`./ogr bench dl4j --optimizers dogr@updater,nope@updater`, not",
                "`./ogr run --optimzer ogr1d --problem beale`.");
        DocCommands.Report r = new DocCommands(ROOT, scratch).check("docs/test.md", page);
        String all = String.join("\n", r.problems());
        List<List<String>> expected = List.of(
                List.of("docs/test.md:4:", "--stpes"),
                List.of("docs/test.md:5:", "no POM 'examples/no-such-plugin/pom.xml'"),
                List.of("docs/test.md:6:", "no path 'docs/no-such-page.md'"),
                List.of("docs/test.md:7:", "OGR_THREADZ"),
                List.of("docs/test.md:8:", "../shared/data"),
                List.of("docs/test.md:9:", "exit status 2", "--steps must be in"),
                List.of("docs/test.md:10:", "fixd"),
                List.of("docs/test.md:12:", "no Maven profile 'cudaa'"),
                List.of("docs/test.md:12:", "no module 'ogr-nope'"),
                List.of("docs/test.md:12:", "unknown Maven phase or goal 'instal'"),
                List.of("docs/test.md:14:", "no path 'src/nope.txt' in examples/sigma-ratio-plugin"),
                List.of("docs/test.md:17:", "unknown suite 'quik'"),
                List.of("docs/test.md:18:", "nope@updater"),
                List.of("docs/test.md:19:", "unknown option", "--optimzer"));
        for (List<String> e : expected) {
            assertTrue(r.problems().stream().anyMatch(p -> e.stream().allMatch(p::contains)),
                    "no report with " + e + " in:\n" + all);
        }
        assertEquals(expected.size(), r.problems().size(), all);
        assertTrue(r.problems().get(0).contains("`./ogr run --optimizer ogr1d --problem beale --stpes 10"), all);
        assertTrue(r.ran().stream().anyMatch(x -> x.startsWith("docs/test.md:12: ./ogr list")), r.ran().toString());
        assertFalse(r.ran().stream().anyMatch(x -> x.contains("perf")), "perf is not cheap: " + r.ran());
    }

    @Test
    void shellLinesSplitAsTheShellSplitsThem() {
        List<DocCommands.Cmd> cmds = DocCommands.parse("OGR_THREADS=2 A=\"x y\" ./ogr run --optimizer 'ogr1d; lr=fixed'"
                + " --problem \"beale(x0=1)\" > out.txt && cat out.txt | head -2; echo a\\;b # comment; not a command");
        assertEquals(4, cmds.size(), cmds.toString());
        assertEquals(Map.of("OGR_THREADS", "2", "A", "x y"), cmds.get(0).env());
        assertEquals(List.of("./ogr", "run", "--optimizer", "ogr1d; lr=fixed", "--problem", "beale(x0=1)"),
                cmds.get(0).words());
        assertEquals(List.of("out.txt"), cmds.get(0).writes());
        assertEquals(List.of("cat", "out.txt"), cmds.get(1).words());
        assertEquals(List.of("head", "-2"), cmds.get(2).words());
        assertEquals(List.of("echo", "a;b"), cmds.get(3).words());
        assertEquals("./ogr bench dl4j --model mlp --optimizers dogr@updater",
                DocCommands.synopsis("./ogr bench dl4j [--model mlp|cnn] [--optimizers dogr@updater,...]"));
        List<DocCommands.Snippet> snippets = DocCommands.extract("x.md", String.join("\n", "text `./ogr list`", "",
                "```bash", "./ogr run --optimizer sgd \\", "   --problem beale   # c", "```", "```yaml", "a: 1",
                "```", "and `./mvnw -B", "install` here"));
        assertEquals(List.of(new DocCommands.Snippet("x.md", 1, "./ogr list", true),
                new DocCommands.Snippet("x.md", 4, "./ogr run --optimizer sgd     --problem beale   # c", false),
                new DocCommands.Snippet("x.md", 10, "./mvnw -B install", true)), snippets);
    }

    @Test
    void ciRunsTheReadmesTestCommand() {
        String readme = DocCommands.read(ROOT.resolve("README.md"));
        List<String> tests = DocCommands.extract("README.md", readme).stream().filter(s -> !s.inline())
                .map(s -> s.text().replaceFirst("\\s+#.*$", "").trim())
                .filter(t -> t.startsWith("./mvnw -B install")).toList();
        assertEquals(1, tests.size(), "the README's set-up block must hold one test command './mvnw -B install ...': "
                + tests);
        List<String> ci = DocCommands.read(ROOT.resolve(".ci/run")).lines().map(String::trim).toList();
        assertTrue(ci.contains(tests.get(0)), ".ci/run must run the README's test command '" + tests.get(0) + "'");
    }

    @Test
    void everyLinkOfTheReadmeAndTheDocsResolvesAnchorsIncluded() {
        List<String> problems = new ArrayList<>();
        Pattern link = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
        Pattern mention = Pattern.compile("(?<![\\w/.-])(docs/[A-Za-z0-9_-]+\\.md)");
        for (String page : DocCommands.pages(ROOT)) {
            Path file = ROOT.resolve(page);
            List<String> lines = outsideFences(DocCommands.read(file));
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = link.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                    String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    String where = page + ":" + (i + 1) + ": (" + target + ")";
                    if (!Files.exists(resolved)) {
                        problems.add(where + ": no file " + ROOT.relativize(resolved));
                    } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                        problems.add(where + ": no heading with anchor #" + anchor + " in " + ROOT.relativize(resolved)
                                + "; anchors there: " + anchors(resolved));
                    }
                }
                Matcher d = mention.matcher(lines.get(i));
                while (d.find()) {
                    if (!Files.exists(ROOT.resolve(d.group(1)))) {
                        problems.add(page + ":" + (i + 1) + ": names " + d.group(1) + ", which does not exist");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyDocsPageTheSourcesNameExists() throws IOException {
        Pattern mention = Pattern.compile("docs/[A-Za-z0-9_-]+\\.md");
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path p : files.filter(f -> f.toString().matches(".*/src/.*\\.(java|yaml|xml|properties)")
                    && !f.toString().contains("/target/") && !f.getFileName().toString().startsWith("DocCommands"))
                    .toList()) {
                Matcher m = mention.matcher(DocCommands.read(p));
                while (m.find()) {
                    if (!Files.exists(ROOT.resolve(m.group()))) {
                        problems.add(ROOT.relativize(p) + " names " + m.group() + ", which does not exist");
                    }
                }
                if (DocCommands.read(p).matches("(?s).*(see the README|the README's).*")) {
                    problems.add(ROOT.relativize(p) + " points to a README section: the text is in docs/ now");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theSuiteFileExampleOfTheBenchmarksPageIsAValidSuite() {
        String page = DocCommands.read(ROOT.resolve("docs/benchmarks.md"));
        Matcher m = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(page);
        assertTrue(m.find(), "docs/benchmarks.md has a YAML suite file");
        Suite suite = SuiteFile.parse(m.group(1), "docs/benchmarks.md", PluginLoader.load());
        assertEquals("mine", suite.name());
        assertFalse(m.find(), "one YAML block");
    }

    @Test
    void theDl4jPagesExamplesAreTheOnesReadmeExamplesTestRuns() {
        Path test = ROOT.resolve("ogr-dl4j/src/test/java/dev/ogr/dl4j/ReadmeExamplesTest.java");
        assertTrue(Files.isRegularFile(test), "docs/dl4j.md's examples are run by " + ROOT.relativize(test));
        Set<String> tested = DocCommands.read(test).lines().map(DocCommandsTest::code).collect(Collectors.toSet());
        String page = DocCommands.read(ROOT.resolve("docs/dl4j.md"));
        List<String> untested = new ArrayList<>();
        boolean java = false;
        int blocks = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("```")) {
                java = !java && line.trim().equals("```java");
                blocks += java ? 1 : 0;
                continue;
            }
            if (java && !code(line).isEmpty() && !tested.contains(code(line))) {
                untested.add(line);
            }
        }
        assertEquals(3, blocks, "docs/dl4j.md's Java examples");
        assertTrue(untested.isEmpty(), "lines of docs/dl4j.md's examples that ReadmeExamplesTest does not run:\n"
                + String.join("\n", untested));
    }

    /** A line of Java without its trailing comment and surrounding spaces. */
    private static String code(String line) {
        int quotes = 0;
        for (int i = 0; i + 1 < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quotes++;
            } else if (c == '/' && line.charAt(i + 1) == '/' && quotes % 2 == 0) {
                return line.substring(0, i).trim();
            }
        }
        return line.trim();
    }

    /** The lines of a page, those of fenced blocks blanked (a # in a YAML block is no heading). */
    private static List<String> outsideFences(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                out.add("");
                continue;
            }
            out.add(fenced ? "" : line);
        }
        return out;
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    static Set<String> anchors(Path page) {
        Set<String> out = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideFences(DocCommands.read(page))) {
            if (!line.matches("#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").trim().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    static {
        if (!Files.isDirectory(ROOT.resolve("docs"))) {
            throw new UncheckedIOException(new IOException("no docs/ under " + ROOT));
        }
    }
}
