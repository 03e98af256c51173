package dev.fmnist.ingest.service;

import dev.fmnist.contracts.api.ingest.DatasetStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog port in memory, keeping the rules the PostgreSQL catalog keeps. */
final class InMemoryDatasetStore implements DatasetStore {

    private final Map<String, DatasetEntry> entries = new LinkedHashMap<>();
    private final List<String> log;

    /** @param log where every update is written, e.g. {@code ready <id>} */
    InMemoryDatasetStore(List<String> log) {
        this.log = log;
    }

    @Override
    public synchronized Optional<DatasetEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized Optional<DatasetEntry> findReadyByName(String name) {
        return entries.values().stream()
                .filter(e -> e.name().equals(name) && e.status() == DatasetStatus.READY)
                .max(Comparator.comparing(DatasetEntry::readyAt));
    }

    @Override
    public synchronized List<DatasetEntry> list() {
        return entries.values().stream()
                .sorted(Comparator.comparing(DatasetEntry::createdAt).reversed())
                .toList();
    }

    @Override
    public synchronized void savePublishing(DatasetEntry entry) {
        Instant created = find(entry.id()).map(DatasetEntry::createdAt).orElse(entry.createdAt());
        entries.put(entry.id(), with(entry, DatasetStatus.PUBLISHING, null, created, entry.readyAt()));
        log.add("publishing " + entry.id());
    }

    @Override
    public synchronized void markReady(String id) {
        Instant now = Instant.now();
        String name = entries.get(id).name();
        entries.replaceAll((key, e) -> !key.equals(id) && e.name().equals(name) && e.status() == DatasetStatus.READY
                ? with(e, DatasetStatus.SUPERSEDED, e.error(), e.createdAt(), e.readyAt())
                : e);
        DatasetEntry entry = entries.get(id);
        entries.put(id, with(entry, DatasetStatus.READY, null, entry.createdAt(), now));
        log.add("ready " + id);
    }

    @Override
    public synchronized void markFailed(String id, String error) {
        DatasetEntry entry = entries.get(id);
        entries.put(id, with(entry, DatasetStatus.FAILED, error, entry.createdAt(), entry.readyAt()));
        log.add("failed " + id);
    }

    private static DatasetEntry with(
            DatasetEntry e, DatasetStatus status, String error, Instant createdAt, Instant readyAt) {
        return new DatasetEntry(
                e.id(),
                e.name(),
                e.format(),
                e.source(),
                e.contentHash(),
                status,
                error,
                createdAt,
                Instant.now(),
                readyAt,
                e.splits(),
                e.files());
    }
}
