package dev.ogr.bench.data;

import dev.ogr.api.ConfigurationException;

/** A data set that cannot be found, downloaded or read; the message names the file or the places looked at. */
public class DatasetException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public DatasetException(String message) {
        super(message);
    }
}
