package dev.fmnist.cli.client;

import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.JobSubmission;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.SearchView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** training-service: submit and follow jobs, read the registry, promote, roll back, shadow and unshadow. */
public final class TrainingClient {

    private final HttpJson http;

    /** @param operator the bearer token its mutations send (they need the role {@code operator}) */
    public TrainingClient(String baseUrl, TokenSource operator) {
        this.http = new HttpJson("training-service", baseUrl, operator, Duration.ofSeconds(60));
    }

    /** @return the base URL */
    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * {@code POST /jobs}.
     *
     * @param job the job (a job id is made when it has none)
     * @return the job id
     */
    public String submit(TrainingJob job) {
        return http.post("/jobs", job, JobSubmission.class).jobId();
    }

    /**
     * {@code POST /jobs} of a search: a TrainingJob with {@code kind: "search"} and its {@code search} block.
     *
     * @param job the job's JSON fields (with its {@code jobId})
     * @return the job id, which is the search's id
     */
    public String submitSearch(Map<String, Object> job) {
        return http.post("/jobs", job, JobSubmission.class).jobId();
    }

    /** @return the search, or empty while training-service has not consumed its job yet */
    public Optional<SearchView> search(String searchId) {
        return http.find("/searches/" + searchId, SearchView.class);
    }

    /** @return the job, or empty while training-service has not consumed it yet */
    public Optional<JobView> job(String jobId) {
        return http.find("/jobs/" + jobId, JobView.class);
    }

    /** @return the datasets training-service has seen announced on {@code fmnist.datasets}, newest first */
    public List<DatasetReady> datasets() {
        return http.list("/datasets", DatasetReady.class);
    }

    /**
     * @param nameOrId a dataset name or id
     * @return whether training-service knows it (jobs may name it)
     */
    public boolean knowsDataset(String nameOrId) {
        return datasets().stream().anyMatch(d -> nameOrId.equals(d.name()) || nameOrId.equals(d.datasetId()));
    }

    /**
     * @param status only this status, or null for all
     * @return model versions, newest first
     */
    public List<ModelVersion> models(ModelStatus status) {
        return http.list(status == null ? "/models" : "/models?status=" + status.name(), ModelEntry.class).stream()
                .map(ModelEntry::model)
                .toList();
    }

    /** @return the model in production, if any */
    public Optional<ModelVersion> production() {
        return models(ModelStatus.PRODUCTION).stream().findFirst();
    }

    /** @return the model with its history, if known */
    public Optional<ModelEntry> model(String modelId) {
        return http.find("/models/" + modelId, ModelEntry.class);
    }

    /**
     * {@code POST /models/{id}/promote}.
     *
     * @return the promoted model
     */
    public ModelVersion promote(String modelId, String reason) {
        return http.post("/models/" + modelId + "/promote" + reasonQuery(reason), null, ModelEntry.class)
                .model();
    }

    /**
     * {@code POST /models/{id}/shadow}.
     *
     * @return the model, now in SHADOW
     */
    public ModelVersion shadow(String modelId, String reason) {
        return http.post("/models/" + modelId + "/shadow" + reasonQuery(reason), null, ModelEntry.class)
                .model();
    }

    /**
     * {@code DELETE /models/{id}/shadow}.
     *
     * @return the model, REGISTERED again
     */
    public ModelVersion unshadow(String modelId, String reason) {
        return http.delete("/models/" + modelId + "/shadow" + reasonQuery(reason), ModelEntry.class)
                .model();
    }

    private static String reasonQuery(String reason) {
        return reason == null ? "" : "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    }

    /**
     * {@code POST /models/rollback}.
     *
     * @return the model now in production
     */
    public ModelVersion rollback() {
        return http.post("/models/rollback", null, ModelEntry.class).model();
    }
}
