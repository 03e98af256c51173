package dev.fmnist.inference.service;

import java.time.Instant;

/**
 * One input record as it arrived.
 *
 * @param topic     where it came from ({@code fmnist.images.input}, or a description of the REST call)
 * @param key       its key, may be null
 * @param value     its value, may be null
 * @param arrivedAt when it entered the pipeline: the Kafka record's timestamp, or when the HTTP request arrived;
 *                  latency is measured from here
 */
public record InputRecord(String topic, String key, byte[] value, Instant arrivedAt) {}
