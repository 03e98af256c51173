package dev.fmnist.ingest.service;

import java.util.List;
import java.util.Optional;

/**
 * The dataset catalog (a port: {@code persistence} implements it). Every method throws {@link CatalogException}
 * when the catalog cannot be read or written; an update either happens as a whole or not at all.
 */
public interface DatasetStore {

    /** @return the dataset with this id */
    Optional<DatasetEntry> find(String id);

    /** @return the dataset currently ready under this name (the latest announced) */
    Optional<DatasetEntry> findReadyByName(String name);

    /** @return every dataset, newest first */
    List<DatasetEntry> list();

    /**
     * Records a dataset about to be published (status PUBLISHING, no error), replacing its splits and files; keeps
     * its creation time when it exists.
     */
    void savePublishing(DatasetEntry entry);

    /** Marks a dataset READY (now) and any other ready dataset of the same name SUPERSEDED. */
    void markReady(String id);

    /** Marks a dataset FAILED with the reason. */
    void markFailed(String id, String error);
}
