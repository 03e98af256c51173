/** The ingest-service: verifies Fashion-MNIST sources and publishes them as replayable Kafka dataset streams. */
package dev.fmnist.ingest;
