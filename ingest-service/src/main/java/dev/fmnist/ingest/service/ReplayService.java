package dev.fmnist.ingest.service;

import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.contracts.api.ingest.ReplayState;
import dev.fmnist.ingest.config.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replays a published split to {@code fmnist.images.input}: reads the split topic (latest record per id), then
 * sends the images in id order, each unchanged (same id, pixels and label), at a chosen rate or as fast as
 * possible, up to a limit. Replays run in the background; their state is kept in memory.
 */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    private final DatasetStore catalog;
    private final SplitReader reader;
    private final RecordPublisher publisher;
    private final IngestConfig config;
    private final Map<String, ReplayState> replays = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "replay");
        thread.setDaemon(true);
        return thread;
    });

    public ReplayService(DatasetStore catalog, SplitReader reader, RecordPublisher publisher, IngestConfig config) {
        this.catalog = catalog;
        this.reader = reader;
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * Resolves a dataset by id, or by name (the dataset currently ready under it).
     *
     * @throws UnknownDatasetException when neither matches
     */
    public DatasetEntry dataset(String idOrName) {
        return catalog.find(idOrName)
                .or(() -> catalog.findReadyByName(idOrName))
                .orElseThrow(() -> new UnknownDatasetException("no dataset with id or name '" + idOrName + "'"));
    }

    /**
     * Starts a replay.
     *
     * @param idOrName dataset id or name
     * @param request  split, rate, limit
     * @return the replay, RUNNING
     * @throws UnknownDatasetException when the dataset is unknown
     * @throws InvalidRequestException when the split is unknown, the dataset is not ready, or rate/limit are negative
     */
    public ReplayState start(String idOrName, ReplayRequest request) {
        DatasetEntry dataset = dataset(idOrName);
        if (request.split() == null || request.split().isBlank()) {
            throw new InvalidRequestException(
                    "split is required; dataset " + dataset.id() + " has " + String.join(", ", dataset.splitNames()));
        }
        SplitEntry split = dataset.split(request.split())
                .orElseThrow(() -> new InvalidRequestException("unknown split '" + request.split() + "'; dataset "
                        + dataset.id() + " has " + String.join(", ", dataset.splitNames())));
        if (dataset.status() != DatasetStatus.READY) {
            throw new InvalidRequestException("dataset " + dataset.id() + " is " + dataset.status()
                    + (dataset.status() == DatasetStatus.SUPERSEDED
                            ? " (its topics now hold the name's newer content)"
                            : "")
                    + "; only a ready dataset can be replayed");
        }
        double rate = request.rate() == null ? 0 : request.rate();
        if (rate < 0 || Double.isNaN(rate)) {
            throw new InvalidRequestException("rate must be >= 0 images per second (0 = as fast as possible)");
        }
        if (request.limit() != null && request.limit() < 1) {
            throw new InvalidRequestException("limit must be >= 1 when given");
        }
        ReplayState replay = new ReplayState(
                UUID.randomUUID().toString(),
                dataset.id(),
                split.split(),
                split.topic(),
                Topics.IMAGES_INPUT,
                rate,
                request.limit(),
                ReplayState.Status.RUNNING,
                -1,
                0,
                null,
                Instant.now(),
                null);
        replays.put(replay.id(), replay);
        executor.submit(() -> run(replay));
        return replay;
    }

    /** @return the replay with this id */
    public Optional<ReplayState> find(String replayId) {
        return Optional.ofNullable(replays.get(replayId));
    }

    private void run(ReplayState replay) {
        try {
            SortedMap<String, byte[]> images = reader.readAll(replay.sourceTopic());
            long total = replay.limit() == null ? images.size() : Math.min(images.size(), replay.limit());
            update(replay.id(), ReplayState.Status.RUNNING, total, 0, null);
            LOG.infof(
                    "replay %s: %,d images of %s to %s at %s",
                    replay.id(),
                    total,
                    replay.sourceTopic(),
                    replay.targetTopic(),
                    replay.rate() > 0 ? replay.rate() + " img/s" : "full speed");
            Iterator<Map.Entry<String, byte[]>> entries = images.entrySet().iterator();
            Iterator<ProducerRecord<String, byte[]>> records = new Iterator<>() {
                private long sent;

                @Override
                public boolean hasNext() {
                    return sent < total && entries.hasNext();
                }

                @Override
                public ProducerRecord<String, byte[]> next() {
                    Map.Entry<String, byte[]> entry = entries.next();
                    sent++;
                    return new ProducerRecord<>(replay.targetTopic(), entry.getKey(), entry.getValue());
                }
            };
            ProgressMeter progress = new ProgressMeter(
                    "replay " + replay.datasetId() + "/" + replay.split() + " to " + replay.targetTopic(),
                    total,
                    config.progressInterval());
            long published = publisher.publish(records, progress, replay.rate());
            update(replay.id(), ReplayState.Status.DONE, total, published, null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "replay %s failed", replay.id());
            ReplayState current = replays.get(replay.id());
            update(
                    replay.id(),
                    ReplayState.Status.FAILED,
                    current.total(),
                    current.published(),
                    String.valueOf(e.getMessage()));
        }
    }

    private void update(String id, ReplayState.Status status, long total, long published, String error) {
        replays.computeIfPresent(id, (key, r) -> r.moveTo(status, total, published, error, Instant.now()));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
