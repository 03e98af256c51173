package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One accepted training progress record, ready to be stored.
 *
 * @param progress    the record as decoded
 * @param json        its contract JSON (what the API serves back)
 * @param fingerprint SHA-256 of {@code json}: the same record delivered again has the same fingerprint, while two
 *                    reports of the same epoch and batch differ (at least by their timestamp)
 * @param at          when it was emitted: its {@code timestamp}, or the Kafka record's time when it has none
 */
public record ProgressRecord(TrainingProgress progress, String json, byte[] fingerprint, Instant at) {

    /** @return the record to store for {@code progress}, read from a Kafka record of time {@code recordTime} */
    public static ProgressRecord of(TrainingProgress progress, Instant recordTime) {
        byte[] json = JsonCodec.toBytes(progress);
        return new ProgressRecord(
                progress,
                new String(json, StandardCharsets.UTF_8),
                sha256(json),
                progress.timestamp() != null ? progress.timestamp() : recordTime);
    }

    /** @return the job */
    public String jobId() {
        return progress.jobId();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
