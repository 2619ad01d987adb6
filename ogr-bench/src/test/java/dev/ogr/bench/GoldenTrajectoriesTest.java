package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Golden trajectories: every preset on three problems, in float and double, through {@code step(Sample)} and through
 * the host-gradient {@code step(gradient, eta, update)} that Deeplearning4j uses, reproduces bit for bit the
 * trajectory recorded before the execution layer was refactored. Each trajectory is summarised by a SHA-256 of the
 * raw bits of every exported state array after every step (and of the step at which a run stopped on a non-finite
 * value), so a change of any bit anywhere fails the test; the arrays' names and order do not enter it.
 *
 * <p>These digests are not mathematics: they guard a refactoring that must not change arithmetic. A change that
 * deliberately changes results re-records them with {@code -Dogr.golden.record=true} (the file is rewritten under
 * {@code src/test/resources/golden}) and says in its commit which trajectories moved and why.
 */
class GoldenTrajectoriesTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    private static final String RESOURCE = "/golden/trajectories.txt";
    private static final int STEPS = 30;
    private static final List<String> PROBLEMS = List.of("quadratic(dim=64, cond=50, rotated=true, noise=0.01)",
            "beale", "logistic(dataset=digits, batch=32)");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String preset : PluginLoader.load().presets().keySet()) {
            for (String problem : PROBLEMS) {
                for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
                    out.add(Arguments.of(preset, problem, type, "sample"));
                    out.add(Arguments.of(preset, problem, type, "host"));
                }
            }
        }
        return out.stream();
    }

    private static String key(String preset, String problem, DataType type, String path) {
        return preset + " | " + problem + " | " + type + " | " + path;
    }

    @ParameterizedTest(name = "{0} on {1} in {2} ({3})")
    @MethodSource("cases")
    void reproducesTheRecordedTrajectory(String preset, String problem, DataType type, String path) throws Exception {
        if (Boolean.getBoolean("ogr.golden.record")) {
            return; // recorded by recordsAll
        }
        String expected = recorded().get(key(preset, problem, type, path));
        assertNotNull(expected, "no golden trajectory recorded for " + key(preset, problem, type, path)
                + " (a new preset? record with -Dogr.golden.record=true)");
        assertEquals(expected, digest(preset, problem, type, path), key(preset, problem, type, path));
    }

    /** The float cases, for the run with the Vector API kernels forced on (they exist for float vectors only). */
    static Stream<Arguments> floatCases() {
        return cases().filter(a -> a.get()[2] == DataType.FLOAT);
    }

    /**
     * The same recorded trajectories with the Vector API kernels on at every size ({@code ogr.simd=true}; by default
     * they take only vectors of 2^20 elements and more, so the run above checks the lanes).
     */
    @ParameterizedTest(name = "{0} on {1} in {2} ({3}), Vector API kernels")
    @MethodSource("floatCases")
    void reproducesItWithTheVectorApiKernels(String preset, String problem, DataType type, String path)
            throws Exception {
        if (Boolean.getBoolean("ogr.golden.record")) {
            return;
        }
        dev.ogr.core.kernel.Kernels.setSimd("true");
        try {
            assertEquals(recorded().get(key(preset, problem, type, path)), digest(preset, problem, type, path),
                    key(preset, problem, type, path) + " with the Vector API kernels");
        } finally {
            dev.ogr.core.kernel.Kernels.setSimd(null);
        }
    }

    /** With {@code -Dogr.golden.record=true}: rewrites the golden file from the current code. */
    @Test
    void recordsAll() throws Exception {
        if (!Boolean.getBoolean("ogr.golden.record")) {
            return;
        }
        StringBuilder out = new StringBuilder("# preset | problem | type | path = SHA-256 of every state bit after every step ("
                + STEPS + " steps); see GoldenTrajectoriesTest\n");
        for (Arguments a : (Iterable<Arguments>) cases()::iterator) {
            Object[] v = a.get();
            out.append(key((String) v[0], (String) v[1], (DataType) v[2], (String) v[3])).append(" = ")
                    .append(digest((String) v[0], (String) v[1], (DataType) v[2], (String) v[3])).append('\n');
        }
        Files.writeString(Path.of("src/test/resources" + RESOURCE), out.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> recorded;

    private static synchronized Map<String, String> recorded() throws IOException {
        if (recorded == null) {
            Map<String, String> m = new LinkedHashMap<>();
            try (InputStream in = GoldenTrajectoriesTest.class.getResourceAsStream(RESOURCE)) {
                assertNotNull(in, RESOURCE + " is missing");
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int eq = line.lastIndexOf(" = ");
                    if (!line.startsWith("#") && eq > 0) {
                        m.put(line.substring(0, eq), line.substring(eq + 3));
                    }
                }
            }
            recorded = m;
        }
        return recorded;
    }

    /** Runs the trajectory and digests every state array's bits after every step. */
    static String digest(String preset, String problem, DataType type, String path) throws NoSuchAlgorithmException {
        Objective objective = Problems.create(problem, 7);
        OgrOptimizer opt;
        try {
            opt = OgrOptimizer.create(RESOLVER.resolve(preset), objective.initialPoint().castTo(type));
        } catch (ConfigurationException e) { // full-ogr refuses problems of more than 64 parameters
            return "refused: " + e.getMessage();
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        INDArray gradient = objective.initialPoint().castTo(type);
        INDArray update = objective.initialPoint().castTo(type);
        for (int t = 0; t < STEPS; t++) {
            Sample s = objective.sample(t);
            try {
                if (path.equals("sample")) {
                    opt.step(inType(s, type));
                } else {
                    inType(s, type).lossAndGradient(opt.parameters(), gradient);
                    opt.step(gradient, 0.01, update);
                    add(md, update);
                }
            } catch (NonFiniteException e) {
                md.update(("stopped at " + t).getBytes(StandardCharsets.UTF_8));
                break;
            }
            // each array's bits digested on its own, the digests sorted: independent of the arrays' names and order
            // (a refactoring may move an array to another strategy's state), never of a single bit of a value
            List<String> arrays = new ArrayList<>();
            for (INDArray a : opt.exportState().values()) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                add(one, a);
                arrays.add(HexFormat.of().formatHex(one.digest()));
            }
            java.util.Collections.sort(arrays);
            arrays.forEach(h -> md.update(h.getBytes(StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void add(MessageDigest md, INDArray a) {
        INDArray flat = a.reshape(a.length());
        ByteBuffer b = ByteBuffer.allocate(8);
        for (long i = 0; i < flat.length(); i++) {
            b.clear();
            if (a.dataType() == DataType.DOUBLE) {
                b.putLong(Double.doubleToRawLongBits(flat.getDouble(i)));
            } else if (a.dataType() == DataType.FLOAT) {
                b.putLong(Float.floatToRawIntBits(flat.getFloat(i)));
            } else {
                b.putLong(flat.getLong(i));
            }
            md.update(b.array());
        }
    }

    /** The sample evaluated in double and written into a gradient of the optimizer's type. */
    private static Sample inType(Sample s, DataType type) {
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                INDArray th = theta.castTo(DataType.DOUBLE);
                INDArray gd = th.dup();
                double loss = s.lossAndGradient(th, gd);
                gradient.assign(gd.castTo(type));
                return loss;
            }

            @Override
            public double loss(INDArray theta) {
                return s.loss(theta.castTo(DataType.DOUBLE));
            }
        };
    }
}
