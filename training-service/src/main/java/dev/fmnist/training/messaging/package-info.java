/** Kafka adapters only: the jobs and datasets consumers and the publisher of progress, model events and rejections. */
package dev.fmnist.training.messaging;
