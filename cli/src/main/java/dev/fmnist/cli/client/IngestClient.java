package dev.fmnist.cli.client;

import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.contracts.api.ingest.ReplayState;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ingest-service: ingest a dataset, list datasets, replay a split to {@code fmnist.images.input}. */
public final class IngestClient {

    private final HttpJson http;

    /** @param operator the bearer token its mutations send (they need the role {@code operator}) */
    public IngestClient(String baseUrl, TokenSource operator) {
        this.http = new HttpJson("ingest-service", baseUrl, operator, Duration.ofSeconds(30));
    }

    /**
     * {@code POST /datasets}: reads, verifies and publishes an IDX folder (synchronous; a no-op when unchanged).
     *
     * @param path folder on the service's machine, or null for the service's own data folder (which it fills from
     *             the official address when it holds no files)
     * @return what it did
     */
    public IngestResponse ingestIdx(String path, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "idx");
        if (path != null) {
            body.put("path", path);
        }
        body.put("name", name);
        return http.post("/datasets", body, IngestResponse.class, Duration.ofMinutes(15));
    }

    /** @return every catalogued dataset, newest first */
    public List<DatasetView> datasets() {
        return http.list("/datasets", DatasetView.class);
    }

    /**
     * @param idOrName dataset id, or a name (its ready dataset)
     * @return the dataset, if known
     */
    public Optional<DatasetView> dataset(String idOrName) {
        return http.find("/datasets/" + idOrName, DatasetView.class);
    }

    /**
     * {@code POST /datasets/{id}/replay}: publishes a split to {@code fmnist.images.input} in the background.
     *
     * @param idOrName dataset id or name
     * @param split    split, e.g. {@code test}
     * @param rate     images per second, or null for as fast as possible
     * @param limit    the most images, or null for the whole split
     * @return the replay just started
     */
    public ReplayState replay(String idOrName, String split, Double rate, Integer limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("split", split);
        if (rate != null) {
            body.put("rate", rate);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        return http.post("/datasets/" + idOrName + "/replay", body, ReplayState.class, Duration.ofSeconds(60));
    }

    /** @return the replay's state now */
    public ReplayState replayState(String datasetId, String replayId) {
        return http.get("/datasets/" + datasetId + "/replays/" + replayId, ReplayState.class);
    }
}
