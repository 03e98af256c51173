package dev.fmnist.training.service;

import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.StatusChange;

import java.util.List;
import java.util.Optional;

/**
 * Port: the registry's versions, files and status history. The writes join the caller's transaction (the
 * registry's); every method throws {@link StoreException} when the store fails.
 */
public interface ModelStore {

    /** @return the next version number of {@code name}, holding a lock on the name until the transaction ends */
    int nextVersion(String name);

    /** Stores a new version (with its reference profile, if any), its file and its first history entry. */
    void insert(ModelVersion model, byte[] artifact, String reason);

    /**
     * Changes a version's status and appends the change to its history.
     *
     * @param changedBy who asked for it (a token's principal name), null when the service made the change itself
     */
    void setStatus(String modelId, ModelStatus status, ModelStatus previous, String reason, String changedBy);

    /**
     * @return how many versions are in SHADOW, holding a lock until the transaction ends that every other caller of
     *     this method waits for (so that two concurrent requests cannot both pass the shadow limit)
     */
    int lockShadows();

    /** @return the version in PRODUCTION, locked until the transaction ends */
    Optional<ModelVersion> production();

    /** @return the version, locked until the transaction ends */
    Optional<ModelVersion> lock(String modelId);

    /** @return the version that was PRODUCTION most recently, other than {@code excluding}, still ARCHIVED */
    Optional<ModelVersion> previousProduction(String excluding);

    /** @return the version job {@code jobId} registered, if any */
    Optional<ModelVersion> findByJob(String jobId);

    Optional<ModelVersion> find(String modelId);

    /** @return all versions, newest first, optionally only those in {@code status} */
    List<ModelVersion> list(ModelStatus status);

    /** @return the model file of a version */
    Optional<byte[]> artifact(String modelId);

    /** @return the status changes of a version, oldest first */
    List<StatusChange> history(String modelId);
}
