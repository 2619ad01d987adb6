package dev.ogr.api;

/**
 * A named recipe, e.g. {@code ogr1d} for paper 1's Algorithms 1–5.
 *
 * @param name        the name used on the command line and in recipes
 * @param recipe      the recipe text it stands for
 * @param description one line: what it is and its source
 */
public record Preset(String name, String recipe, String description) {

    /** Checks the name's form. */
    public Preset {
        if (name == null || !name.matches("[a-z][a-z0-9+-]*")) {
            throw new IllegalArgumentException("preset names are lower-case words with dashes or '+', got '" + name + "'");
        }
    }
}
