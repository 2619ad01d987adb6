package dev.ogr.core.plugin;

/** A plugin that cannot be loaded or clashes with another; the message names the plugins and their sources. */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the plugins involved. */
    public PluginException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
