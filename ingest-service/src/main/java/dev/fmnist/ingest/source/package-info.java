/**
 * Readers of dataset sources (IDX, CSV, image folders) and their checks: magic numbers, dimensions, counts, label
 * range and SHA-256 sums. File-level problems raise {@link dev.fmnist.ingest.source.SourceException}; row-level
 * problems become {@link dev.fmnist.ingest.source.RowRejection}s. Which paths may be read at all is
 * {@link dev.fmnist.ingest.source.DataRoots}' decision (the allowed roots; a refusal is a
 * {@link dev.fmnist.ingest.source.PathNotAllowedException}). Plain Java, no Quarkus.
 */
package dev.fmnist.ingest.source;
