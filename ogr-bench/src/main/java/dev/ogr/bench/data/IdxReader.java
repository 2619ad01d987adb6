package dev.ogr.bench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the gzipped IDX files of MNIST and Fashion-MNIST: images (magic 2051, count, rows, cols, bytes) and labels
 * (magic 2049, count, bytes), all header integers big-endian. A wrong magic number, a truncated file or a broken
 * gzip stream is an error that names the file.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private IdxReader() {
    }

    /** Reads an image file: one row of rows·cols bytes (0..255) per image. */
    public static byte[][] images(Path file) {
        return read(file, in -> {
            checkMagic(file, in.readInt(), IMAGES_MAGIC, "image");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetException(file + " has an impossible header: " + count + " images of " + rows + "x"
                        + cols);
            }
            byte[][] out = new byte[count][rows * cols];
            for (byte[] image : out) {
                in.readFully(image);
            }
            return out;
        });
    }

    /** Reads a label file. */
    public static byte[] labels(Path file) {
        return read(file, in -> {
            checkMagic(file, in.readInt(), LABELS_MAGIC, "label");
            int count = in.readInt();
            if (count < 0) {
                throw new DatasetException(file + " has an impossible header: " + count + " labels");
            }
            byte[] out = new byte[count];
            in.readFully(out);
            return out;
        });
    }

    /** The body of a reader, which may fail with an I/O error. */
    @FunctionalInterface
    private interface Body<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Runs {@code body} on the unzipped file, turning every failure into an error that names the file. */
    private static <T> T read(Path file, Body<T> body) {
        try (DataInputStream in = open(file)) {
            return body.read(in);
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated: it ends before the data its header announces");
        } catch (ZipException e) {
            throw new DatasetException(file + " is not a valid gzip file: " + e.getMessage());
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e);
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String kind) {
        if (magic != expected) {
            throw new DatasetException(file + " is not an IDX " + kind + " file: magic number " + magic + ", expected "
                    + expected);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    }
}
