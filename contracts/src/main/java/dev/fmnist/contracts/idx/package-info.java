/**
 * The one reader of the IDX file format (the official Fashion-MNIST files, gzipped or raw), with every format check:
 * used by ingest (which adds checksums and the catalog), by the command line and by tests and benchmarks.
 */
package dev.fmnist.contracts.idx;
