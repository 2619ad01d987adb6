package dev.ogr.bench.dl4j;

import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.dl4j.OgrUpdater;
import dev.ogr.dl4j.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code dl4j} suite's file (the built-in {@code dl4j.yaml}, or a user's copy) into validated
 * {@link Dl4jSuite.Settings}; every mistake is one {@link ConfigurationException} naming the file, line and key.
 */
public final class Dl4jSuiteFile {

    private Dl4jSuiteFile() {
    }

    /** The file's top level. */
    private record RawFile(String model, String dataset, Integer batch, Integer holdout, Integer epochs, Long seed,
            String tuning,
            List<RawOptimizer> optimizers, String baseline) {
    }

    /** One optimizer: a label, exactly one of {@code dl4j}, {@code updater}, {@code trainer}, and a grid. */
    private record RawOptimizer(String label, String dl4j, String updater, String trainer, List<Double> grid) {
    }

    /** The built-in file, or the file at {@code path} when it is not null. */
    public static Dl4jSuite.Settings load(Path path) {
        return load(path, "dl4j");
    }

    /** The built-in file {@code builtIn} ({@code dl4j} or {@code dl4j-defaults}), or the file at {@code path}. */
    public static Dl4jSuite.Settings load(Path path, String builtIn) {
        if (path == null) {
            String text = SuiteFile.builtInText(builtIn);
            if (text == null) {
                throw new ConfigurationException("no built-in dl4j suite '" + builtIn + "'; available: dl4j,"
                        + " dl4j-defaults");
            }
            return parse(text, builtIn + ".yaml");
        }
        SuiteFile.requireReadableFile(path, "dl4j suite file", "a YAML or JSON dl4j suite file");
        try {
            return parse(Files.readString(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("no dl4j suite file " + path);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read dl4j suite file " + path + ": " + e.getMessage());
        }
    }

    /** Parses and validates a dl4j suite file's text; {@code source} names it in messages. */
    public static Dl4jSuite.Settings parse(String text, String source) {
        SuiteFile.Bound<RawFile> bound = SuiteFile.bind(text, source, RawFile.class);
        RawFile raw = bound.value();
        Dl4jSuite.Model model = raw.model() == null ? Dl4jSuite.Model.MLP : switch (raw.model()) {
            case "mlp" -> Dl4jSuite.Model.MLP;
            case "cnn" -> Dl4jSuite.Model.CNN;
            default -> throw bound.at("model", "expected mlp or cnn, got '" + raw.model() + "'");
        };
        String dataset = raw.dataset() == null ? "mnist" : raw.dataset();
        if (!Dl4jSuite.DATASETS.contains(dataset)) {
            throw bound.at("dataset", "expected one of " + String.join(", ", Dl4jSuite.DATASETS) + ", got '" + dataset
                    + "'");
        }
        int batch = raw.batch() == null ? 100 : raw.batch();
        if (batch < 1 || batch > 10_000) {
            throw bound.at("batch", "expected 1 to 10000 examples per step, got " + batch);
        }
        int holdout = raw.holdout() == null ? 10_000 : raw.holdout();
        if (holdout < 1 || holdout > 50_000) {
            throw bound.at("holdout", "expected 1 to 50000 held-out images, got " + holdout);
        }
        int epochs = raw.epochs() == null ? 1 : raw.epochs();
        if (epochs < 1 || epochs > 100) {
            throw bound.at("epochs", "expected 1 to 100 epochs, got " + epochs);
        }
        long seed = raw.seed() == null ? 1 : raw.seed();
        String tuning = raw.tuning() == null ? "grid" : raw.tuning().trim();
        if (!tuning.equals("grid") && !tuning.equals("none")) {
            throw bound.at("tuning", "must be 'grid' (the learning rate chosen from each optimizer's grid) or 'none'"
                    + " (every optimizer at its defaults), got '" + raw.tuning() + "'");
        }
        boolean tuned = tuning.equals("grid");
        if (raw.optimizers() == null || raw.optimizers().isEmpty()) {
            throw bound.at("optimizers", "needs at least one optimizer");
        }
        List<Dl4jSuite.Candidate> candidates = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < raw.optimizers().size(); i++) {
            candidates.add(candidate(raw.optimizers().get(i), "optimizers[" + i + "]", bound, labels, tuned));
        }
        String baseline = raw.baseline() == null ? candidates.get(0).label() : raw.baseline();
        if (!labels.contains(baseline)) {
            throw bound.at("baseline", "'" + baseline + "' is not the label of an optimizer");
        }
        return new Dl4jSuite.Settings(model, dataset, batch, holdout, epochs, seed, List.copyOf(candidates), baseline, tuned);
    }

    private static Dl4jSuite.Candidate candidate(RawOptimizer raw, String key, SuiteFile.Bound<?> bound,
            Set<String> labels, boolean tuned) {
        if (raw.label() == null || !raw.label().matches("[A-Za-z0-9@+._-]+")) {
            throw bound.at(key + ".label", "needs a label of letters, digits and @+._- only, got "
                    + (raw.label() == null ? "none" : "'" + raw.label() + "'"));
        }
        if (!labels.add(raw.label())) {
            throw bound.at(key + ".label", "label '" + raw.label() + "' is used twice");
        }
        int kinds = (raw.dl4j() != null ? 1 : 0) + (raw.updater() != null ? 1 : 0) + (raw.trainer() != null ? 1 : 0);
        if (kinds != 1) {
            throw bound.at(key, "needs exactly one of dl4j, updater, trainer; got " + kinds);
        }
        Dl4jSuite.Path path;
        String what;
        if (raw.dl4j() != null) {
            if (!List.of("adam", "nesterovs", "sgd").contains(raw.dl4j())) {
                throw bound.at(key + ".dl4j", "expected adam, nesterovs or sgd, got '" + raw.dl4j() + "'");
            }
            path = Dl4jSuite.Path.DL4J;
            what = raw.dl4j();
        } else if (raw.updater() != null) {
            try {
                new OgrUpdater(raw.updater());
            } catch (RuntimeException e) {
                throw bound.at(key + ".updater", e.getMessage());
            }
            path = Dl4jSuite.Path.UPDATER;
            what = raw.updater();
        } else {
            try {
                Recipes.resolve(raw.trainer());
            } catch (RuntimeException e) {
                throw bound.at(key + ".trainer", e.getMessage());
            }
            path = Dl4jSuite.Path.TRAINER;
            what = raw.trainer();
        }
        List<Double> grid = raw.grid();
        if (!tuned) {
            if (grid != null) {
                throw bound.at(key + ".grid", "tuning: none runs every optimizer at its defaults; remove the grid");
            }
            return new Dl4jSuite.Candidate(raw.label(), path, what, List.of());
        }
        if (grid == null || grid.isEmpty()) {
            throw bound.at(key + ".grid", "needs at least one learning rate");
        }
        for (int j = 0; j < grid.size(); j++) {
            Double g = grid.get(j);
            if (g == null || !(g > 0) || Double.isInfinite(g)) {
                throw bound.at(key + ".grid[" + j + "]", "learning rates must be positive numbers, got " + g);
            }
            try { // the recipe's own range for its learning rate, checked now rather than after the other runs
                if (path == Dl4jSuite.Path.UPDATER) {
                    new OgrUpdater(what, g);
                } else if (path == Dl4jSuite.Path.TRAINER) {
                    Recipes.resolve(what + "; lr=fixed(eta=" + dev.ogr.api.ParameterSpec.format(g.doubleValue()) + ")");
                }
            } catch (RuntimeException e) {
                throw bound.at(key + ".grid[" + j + "]", e.getMessage());
            }
        }
        return new Dl4jSuite.Candidate(raw.label(), path, what, List.copyOf(grid));
    }
}
