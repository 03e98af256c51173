/**
 * The pipeline's public contract as Java: one record per message type, the topic names and the ten labels.
 * Every service reads and writes Kafka values through these types; see {@code docs/contract.md}.
 */
package dev.fmnist.contracts;
