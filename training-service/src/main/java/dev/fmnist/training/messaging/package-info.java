/**
 * Kafka adapters only: the jobs and datasets consumers, the dataset split reader, and the publisher of progress,
 * model events and rejections.
 */
package dev.fmnist.training.messaging;
