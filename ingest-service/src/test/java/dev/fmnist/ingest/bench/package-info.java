/** Benchmarks (not tests): run by {@code ingest-service/bench/publish-all.sh}. */
package dev.fmnist.ingest.bench;
