/**
 * The public array-op API: how a coordinate-wise strategy gives the core its arithmetic as whole-array ND4J
 * operations ({@link dev.ogr.api.array.ArrayKernel} for a step rule, {@link dev.ogr.api.array.ArrayStatistics} for an
 * average tracker), which run where the parameters live, on any ND4J backend, with no element access. The core
 * chooses this form on backends other than the CPU's, and on request anywhere ({@code OGR_KERNELS=nd4j}); see
 * {@code docs/gpu.md}.
 */
package dev.ogr.api.array;
