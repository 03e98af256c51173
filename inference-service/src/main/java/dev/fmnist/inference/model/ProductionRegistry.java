package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Who is production", rebuilt from the {@code fmnist.models} event log. Per model id the last event read wins
 * (one model's events share a key, hence a partition, hence an order). Among the models whose last status is
 * {@code PRODUCTION}, the one promoted last (event timestamp, else record timestamp, then reading order) serves:
 * a promotion supersedes the earlier production model even before its {@code ARCHIVED} event is read. Artifact
 * fields missing on a status change are taken from the model's earlier events. Not thread-safe.
 */
public final class ProductionRegistry {

    private final Map<String, Entry> latest = new HashMap<>();
    private long sequence;

    /**
     * @param event      a valid model event
     * @param recordTime the Kafka record's timestamp, used when the event has none
     */
    public void apply(ModelEvent event, Instant recordTime) {
        Entry before = latest.get(event.modelId());
        String url = event.artifactUrl() != null ? event.artifactUrl() : before == null ? null : before.event.artifactUrl();
        String sha = event.artifactSha256() != null ? event.artifactSha256()
                : before == null ? null : before.event.artifactSha256();
        ModelEvent merged = new ModelEvent(event.modelId(), event.name(), event.version(), event.architecture(),
                event.status(), event.previousStatus(), event.metrics(), event.datasetId(), event.jobId(), sha, url,
                event.reason(), event.timestamp());
        Instant when = event.timestamp() != null ? event.timestamp() : recordTime != null ? recordTime : Instant.EPOCH;
        latest.put(event.modelId(), new Entry(merged, when, sequence++));
    }

    /** @return the event that made the serving model production, if any model is production */
    public Optional<ModelEvent> production() {
        return latest.values().stream()
                .filter(entry -> entry.event.status() == ModelStatus.PRODUCTION)
                .max(Comparator.comparing(Entry::when).thenComparingLong(Entry::sequence))
                .map(Entry::event);
    }

    /** @return how many model versions the log has named */
    public int size() {
        return latest.size();
    }

    private record Entry(ModelEvent event, Instant when, long sequence) {
    }
}
