package dev.fmnist.evaluation.service;

import java.time.Instant;

/**
 * One Kafka record as read, before decoding.
 *
 * @param topic     source topic
 * @param key       record key, may be null
 * @param value     record value, may be null (a tombstone)
 * @param timestamp the record's timestamp
 */
public record RawRecord(String topic, String key, byte[] value, Instant timestamp) {}
