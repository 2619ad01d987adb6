package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.NonFiniteException;
import dev.ogr.core.plugin.PluginException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ogr} command line: lists the discovered strategies and runs optimizers on problems. */
@Command(name = "ogr", mixinStandardHelpOptions = true, version = "ogr 0.1.0",
        scope = CommandLine.ScopeType.INHERIT, // every subcommand gets --help and --version
        description = "Online gradient regression optimizers: compose, run and benchmark them.",
        subcommands = {ListCommand.class, RunCommand.class, BenchCommand.class, PerfCommand.class, SoakCommand.class,
            CommandLine.HelpCommand.class})
public final class OgrCli {

    /** Exit code for bad user input. */
    static final int BAD_INPUT = 2;
    /** Exit code for a run that failed (e.g. a non-finite gradient). */
    static final int FAILED = 1;

    private OgrCli() {
    }

    /**
     * The split of options that list optimizers: at commas outside parentheses, so that a recipe's own parameter
     * list ({@code 'sgd,ogr1d; step=sfn(alpha=0.5, clip=1)'}) stays whole.
     */
    static final String RECIPE_LIST_SPLIT = ",(?![^(]*\\))";

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv(), System.getProperties());
    }

    /**
     * Runs the command line with the environment variables and system properties it checks before anything runs
     * given explicitly (the tests' way to try hostile settings without changing the process's own).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env,
            java.util.Properties properties) {
        CommandLine cl = new CommandLine(new OgrCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ogr: " + ex.getMessage() + " (see 'ogr " + commandName(ex.getCommandLine()) + "--help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigurationException || ex instanceof PluginException) {
                err.println("ogr: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof NonFiniteException) {
                err.println("ogr: run stopped: " + ex.getMessage());
                return FAILED;
            }
            if (System.getenv("OGR_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("ogr: internal error: " + ex + " (set OGR_DEBUG=1 for the stack trace; please report it)");
            }
            return FAILED;
        });
        // checked before anything runs (and before ND4J loads): one line per problem
        java.util.List<String> environment = EnvironmentCheck.problems(env, properties);
        if (!environment.isEmpty()) {
            environment.forEach(problem -> err.println("ogr: " + problem));
            return BAD_INPUT;
        }
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(e));
            return FAILED;
        }
    }

    /**
     * The line for a run that ran out of memory: the heap's (-Xmx) or the whole process's, which JavaCPP checks
     * against {@code org.bytedeco.javacpp.maxphysicalbytes} as ND4J allocates.
     */
    static String outOfMemory(OutOfMemoryError e) {
        return String.format(java.util.Locale.ROOT, "ogr: out of memory (%s); this run may use a %.1f GiB heap (-Xmx) and"
                + " %.1f GiB in all (-Dorg.bytedeco.javacpp.maxphysicalbytes): give it more with OGR_JAVA_OPTS, e.g."
                + " OGR_JAVA_OPTS=\"-Xmx4g -Dorg.bytedeco.javacpp.maxphysicalbytes=8g\" ./ogr ...", e.getMessage(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30),
                org.bytedeco.javacpp.Pointer.maxPhysicalBytes() / (double) (1L << 30));
    }

    private static String commandName(CommandLine cl) {
        String name = cl.getCommandName();
        return "ogr".equals(name) ? "" : name + " ";
    }
}
