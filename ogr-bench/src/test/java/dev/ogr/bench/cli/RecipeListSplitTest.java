package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options that list optimizers split at commas outside parentheses only, so recipes with parameters stay whole. */
class RecipeListSplitTest {

    private static List<String> optimizers(String value) {
        CommandLine cl = new CommandLine(OgrCli.class);
        CommandLine.ParseResult parsed = cl.parseArgs("bench", "quick", "--optimizers", value);
        return parsed.subcommand().matchedOptionValue("--optimizers", List.of());
    }

    @Test
    void aRecipesParameterListStaysWhole() {
        assertEquals(List.of("sgd", "ogr1d; step=sfn(alpha=0.5, clip=1)"),
                optimizers("sgd,ogr1d; step=sfn(alpha=0.5, clip=1)"));
        assertEquals(List.of("asgd; lr=fixed(eta=0.1)", "ogr1dc; warmup=3", "adam"),
                optimizers("asgd; lr=fixed(eta=0.1),ogr1dc; warmup=3,adam"));
        assertEquals(List.of("a(b=1, c=2)", "d(e=3, f=4)"), optimizers("a(b=1, c=2),d(e=3, f=4)"));
        assertEquals(List.of("ogr1d", "sgd"), optimizers("ogr1d,sgd"));
    }
}
