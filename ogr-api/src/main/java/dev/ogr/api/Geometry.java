package dev.ogr.api;

/** The three geometries in which the gradient regression is carried out (docs/architecture.md, "The general model"). */
public enum Geometry {
    /** One direction (d = 1), e.g. the normalised momentum. */
    DIRECTION,
    /** A small orthonormal basis of d directions, e.g. from online PCA. */
    SUBSPACE,
    /** Every coordinate axis on its own: one independent one-dimensional model per parameter. */
    COORDINATES
}
