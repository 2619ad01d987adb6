/**
 * The public fast API: how a coordinate-wise strategy gives the core its arithmetic as loops over one block of
 * coordinates, which the core runs inside its single fused pass over memory. The core does the rest: blocking, the
 * thread split, the finiteness check, the update output for Deeplearning4j, and the choice of float or double lanes.
 * The built-in strategies use this API too; see {@code docs/architecture.md}.
 */
package dev.ogr.api.block;
