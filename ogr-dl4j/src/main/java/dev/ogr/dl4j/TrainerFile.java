package dev.ogr.dl4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * An {@link OgrTrainer} inside a {@code ModelSerializer} zip: the network as DL4J writes it, plus two entries DL4J
 * ignores when it reads the zip, {@value #META} (the recipe in canonical form, the network's kind, the learning rate
 * or schedule set on the trainer) and {@value #STATE} (the optimizer's arrays, each in ND4J's binary form, which
 * keeps every bit).
 */
final class TrainerFile {

    /** The entry that describes the trainer. */
    static final String META = "ogr-trainer/trainer.json";
    /** The entry that holds the optimizer's state arrays. */
    static final String STATE = "ogr-trainer/state.bin";

    private static final int FORMAT = 1;
    private static final String MULTI_LAYER = "MultiLayerNetwork";
    private static final String GRAPH = "ComputationGraph";

    private TrainerFile() {
    }

    /** What a file holds besides the network. */
    record Contents(Model model, String recipe, Double learningRate, ISchedule schedule, Map<String, INDArray> state) {
    }

    /**
     * Writes {@code model} and the trainer into {@code file}: first into a temporary file beside it, moved into place
     * only when complete, so an existing file stays whole if writing fails.
     */
    static void write(File file, Model model, String recipe, Double learningRate, ISchedule schedule,
            Map<String, INDArray> state) throws IOException {
        Path target = file.toPath().toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null, "its directory does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory, expected a file to write the network and trainer into");
        }
        Path network = Files.createTempFile(dir, "." + target.getFileName() + ".", ".network.tmp");
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            ModelSerializer.writeModel(model, network.toFile(), false);
            ObjectMapper mapper = NeuralNetConfiguration.mapper();
            ObjectNode meta = mapper.createObjectNode();
            meta.put("format", FORMAT);
            meta.put("model", model instanceof ComputationGraph ? GRAPH : MULTI_LAYER);
            meta.put("recipe", recipe);
            if (learningRate != null) {
                meta.put("learningRate", learningRate);
            }
            if (schedule != null) {
                meta.set("schedule", mapper.valueToTree(schedule));
            }
            // DL4J's entries copied as they are, then ours, in a zip written the way ModelSerializer writes its own
            try (ZipFile written = new ZipFile(network.toFile());
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                for (ZipEntry e : Collections.list(written.entries())) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream in = written.getInputStream(e)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(META));
                zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(STATE));
                DataOutputStream data = new DataOutputStream(zip);
                data.writeInt(state.size());
                for (Map.Entry<String, INDArray> e : state.entrySet()) {
                    data.writeUTF(e.getKey());
                    Nd4j.write(e.getValue(), data);
                }
                data.flush();
                zip.closeEntry();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(network);
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #write}. */
    static Contents read(File file) throws IOException {
        Path path = file.toPath();
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "not a regular file");
        }
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        JsonNode meta;
        Map<String, INDArray> state = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file)) {
            ZipEntry metaEntry = zip.getEntry(META);
            ZipEntry stateEntry = zip.getEntry(STATE);
            if (metaEntry == null || stateEntry == null) {
                throw new IOException(path + " holds no ogr trainer (no entry " + (metaEntry == null ? META : STATE)
                        + "): was it written by OgrTrainer.writeModel? A network saved by ModelSerializer alone has"
                        + " no optimizer state");
            }
            try (InputStream in = zip.getInputStream(metaEntry)) {
                meta = mapper.readTree(in);
            }
            int format = meta.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IOException(path + ": ogr trainer format " + meta.path("format") + ", expected " + FORMAT);
            }
            try (DataInputStream data = new DataInputStream(new BufferedInputStream(zip.getInputStream(stateEntry)))) {
                int n = data.readInt();
                if (n < 0) {
                    throw new IOException(path + ": " + STATE + " declares " + n + " arrays");
                }
                for (int i = 0; i < n; i++) {
                    String key = data.readUTF();
                    state.put(key, Nd4j.read(data));
                }
            }
        }
        String kind = meta.path("model").asText();
        Model model = switch (kind) {
            case MULTI_LAYER -> ModelSerializer.restoreMultiLayerNetwork(file, false);
            case GRAPH -> ModelSerializer.restoreComputationGraph(file, false);
            default -> throw new IOException(path + ": model kind '" + kind + "', expected " + MULTI_LAYER + " or "
                    + GRAPH);
        };
        String recipe = meta.path("recipe").asText(null);
        if (recipe == null) {
            throw new IOException(path + ": " + META + " names no recipe");
        }
        Double learningRate = meta.hasNonNull("learningRate") ? meta.get("learningRate").asDouble() : null;
        ISchedule schedule = meta.hasNonNull("schedule") ? mapper.treeToValue(meta.get("schedule"), ISchedule.class)
                : null;
        return new Contents(model, recipe, learningRate, schedule, state);
    }
}
