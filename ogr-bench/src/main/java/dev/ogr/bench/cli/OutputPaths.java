package dev.ogr.bench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a file could not be written, in words for a one-line message (not an exception's class name). */
final class OutputPaths {

    private OutputPaths() {
    }

    /** The reason {@code e} gives, e.g. "permission denied" or "no space left on device". */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException || e instanceof NoSuchFileException n && n.getReason() == null) {
            return "a part of the path is not a directory or does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
