package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every setting the command line reads is checked up front, one line naming it, its value and what is allowed. */
class EnvironmentCheckTest {

    @TempDir
    static Path dir;

    private static List<String> check(String name, String value) {
        Map<String, String> env = new HashMap<>();
        Properties properties = new Properties();
        if (name.startsWith("-D")) {
            properties.setProperty(name.substring(2), value);
        } else {
            env.put(name, value);
        }
        return EnvironmentCheck.problems(env, properties);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "OMP_NUM_THREADS | 0       | environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, 256], got '0'",
        "OMP_NUM_THREADS | abc     | environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, 256], got 'abc'",
        "OMP_NUM_THREADS | 1000000 | environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, 256], got '1000000'",
        "OMP_NUM_THREADS | -1      | environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, 256], got '-1'",
        "OMP_NUM_THREADS | '2,1'   | environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, 256], got '2,1'",
        "OGR_THREADS     | 0       | environment variable OGR_THREADS must be a whole number of threads in [1, 256], got '0'",
        "OGR_THREADS     | abc     | environment variable OGR_THREADS must be a whole number of threads in [1, 256], got 'abc'",
        "OGR_THREADS     | 257     | environment variable OGR_THREADS must be a whole number of threads in [1, 256], got '257'",
        "-Dogr.threads   | abc     | system property ogr.threads must be a whole number of threads in [1, 256], got 'abc'",
        "-Dogr.simd      | maybe   | system property ogr.simd must be auto, true or false, got 'maybe'",
        "OGR_KERNELS     | cuda    | environment variable OGR_KERNELS must be auto, fused or nd4j, got 'cuda'",
    })
    void aBadThreadOrKernelSettingIsOneLine(String name, String value, String expected) {
        assertEquals(List.of(expected), check(name, value));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {"OMP_NUM_THREADS | 1", "OMP_NUM_THREADS | 256", "OGR_THREADS | 2",
        "-Dogr.threads | 8", "-Dogr.simd | auto", "OMP_NUM_THREADS | ''", "OGR_KERNELS | nd4j",
        "OGR_KERNELS | fused", "OGR_KERNELS | auto"})
    void goodSettingsPass(String name, String value) {
        assertEquals(List.of(), check(name, value));
    }

    @Test
    void everyClassPathEntryMustBeAJarOrADirectory() throws IOException {
        Path jar = dir.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("META-INF/x"));
        }
        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(List.of(), check("OGR_CLASSPATH", jar + ":" + classes));
        List<String> problems = check("OGR_CLASSPATH", dir.resolve("missing.jar") + ":" + notAJar + "::" + jar);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("environment variable OGR_CLASSPATH: '" + dir.resolve("missing.jar")
                + "' does not exist"), problems.get(0));
        assertTrue(problems.get(1).startsWith("environment variable OGR_CLASSPATH: '" + notAJar + "' is not a jar"),
                problems.get(1));
        assertTrue(problems.get(2).contains("an empty entry"), problems.get(2));
    }

    @Test
    void theDataDirectoryMustBeADirectoryIfItExists() throws IOException {
        Path file = Files.writeString(dir.resolve("data.txt"), "x");
        assertEquals(List.of("environment variable OGR_DATA names '" + file + "', which is not a directory (expected"
                + " the directory that holds, or will receive, the data sets)"), check("OGR_DATA", file.toString()));
        assertEquals(List.of(), check("OGR_DATA", dir.resolve("not-yet").toString()));
        assertEquals(List.of(), check("OGR_DATA", dir.toString()));
    }
}
