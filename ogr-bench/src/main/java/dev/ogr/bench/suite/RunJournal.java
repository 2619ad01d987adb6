package dev.ogr.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.api.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable record of a suite run's finished work ({@value #FILE} in the report's directory): one JSON line per
 * problem and optimizer, written and forced to disk as soon as that optimizer's tuning and evaluation runs on that
 * problem are done. A run that is interrupted, even killed, leaves every finished line behind, and
 * {@code ogr bench SUITE --out DIR --resume} continues from them: a recorded problem and optimizer is not run again
 * but read back, exactly (doubles are written in the shortest form that reads back to the same value), so the
 * resumed run's results equal an uninterrupted run's apart from the timing. The first line is a header with the
 * fingerprint of the suite as it ran (its SHA-256 over every setting that changes a result), so a journal is never
 * resumed by another suite, optimizer list or number of seeds. A line cut short by a kill (the last one, without its
 * newline) is dropped on reading.
 */
public final class RunJournal implements AutoCloseable {

    /** The journal's file name in the report directory. */
    public static final String FILE = ".ogr-runs.jsonl";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The finished work of one optimizer on one problem.
     *
     * @param problem   the problem's label
     * @param optimizer the optimizer as the suite lists it
     * @param scores    the median tuning loss at each grid value (empty when untuned; all NaN: not applicable)
     * @param runs      the evaluation runs, seed by seed
     */
    public record Entry(String problem, String optimizer, double[] scores, List<RunRecord> runs) {
    }

    /** The journal's first line. */
    private record Header(int ogrJournal, String suite, String fingerprint) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> recorded;

    private RunJournal(Path file, FileChannel channel, Map<String, Entry> recorded) {
        this.file = file;
        this.channel = channel;
        this.recorded = recorded;
    }

    /**
     * Opens the journal {@code file} for {@code suite}. With {@code resume}, the entries an earlier, interrupted run
     * of the same suite recorded there are read back (none if there is no journal); without, any earlier journal is
     * discarded and the run starts afresh.
     *
     * @throws ConfigurationException when resuming a journal of another suite configuration, or a damaged one, or
     *                                when the file cannot be written (naming it)
     */
    public static RunJournal open(Path file, Suite suite, boolean resume) {
        String fingerprint = fingerprint(suite);
        Map<String, Entry> recorded = new LinkedHashMap<>();
        long keep = 0;
        if (resume && Files.exists(file)) {
            keep = read(file, suite, fingerprint, recorded);
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            try {
                channel.truncate(keep); // drops a line cut short by a kill, or the whole earlier journal
                channel.position(keep);
                RunJournal journal = new RunJournal(file, channel, recorded);
                if (keep == 0) {
                    journal.append(JSON.writeValueAsString(new Header(VERSION, suite.name(), fingerprint)));
                }
                return journal;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot write the run journal " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code file}'s entries into {@code into} and returns the length of its complete lines.
     */
    private static long read(Path file, Suite suite, String fingerprint, Map<String, Entry> into) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the run journal " + file + ": " + e.getMessage());
        }
        int end = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            String text = new String(bytes, end, i - end, StandardCharsets.UTF_8);
            try {
                if (line == 1) {
                    Header h = JSON.readValue(text, Header.class);
                    if (h.ogrJournal() != VERSION || !fingerprint.equals(h.fingerprint())) {
                        throw new ConfigurationException("--resume: " + file + " records an interrupted run of"
                                + " another configuration (suite '" + h.suite() + "') than this one (suite '"
                                + suite.name() + "' with these optimizers, seeds and settings); run without --resume"
                                + " to start afresh");
                    }
                } else {
                    Entry e = JSON.readValue(text, Entry.class);
                    into.put(key(e.problem(), e.optimizer()), e);
                }
            } catch (JsonProcessingException e) {
                throw new ConfigurationException("--resume: the run journal " + file + " is damaged at line " + line
                        + " (" + e.getOriginalMessage() + "); delete it, or run without --resume, to start afresh");
            }
            end = i + 1;
        }
        return line == 0 ? 0 : end; // no complete header: start afresh
    }

    /** The fingerprint of everything in {@code suite} that changes a result: SHA-256 of its JSON form. */
    public static String fingerprint(Suite suite) {
        try {
            byte[] text = JSON.writeValueAsBytes(suite);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint suite " + suite.name(), e);
        }
    }

    /** The finished work of {@code optimizer} on {@code problem} an earlier run recorded, or null. */
    public Entry recorded(String problem, String optimizer) {
        return recorded.get(key(problem, optimizer));
    }

    /** How many problem-and-optimizer entries the journal holds. */
    public synchronized int size() {
        return recorded.size();
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    /** Appends {@code entry} and forces it to disk before returning. */
    public synchronized void record(Entry entry) {
        try {
            append(JSON.writeValueAsString(entry));
        } catch (IOException e) {
            throw new ConfigurationException("cannot write the run journal " + file + ": " + e.getMessage());
        }
        recorded.put(key(entry.problem(), entry.optimizer()), entry);
    }

    private void append(String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    private static String key(String problem, String optimizer) {
        return problem + "\u0000" + optimizer;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
