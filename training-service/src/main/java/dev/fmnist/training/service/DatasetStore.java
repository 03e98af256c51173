package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;

import java.util.List;
import java.util.Optional;

/** Port: the datasets announced on {@code fmnist.datasets}. Throws {@link StoreException} when the store fails. */
public interface DatasetStore {

    /** Stores (or refreshes) an announcement; the newest announcement of a name is that name's current dataset. */
    void save(DatasetReady ready);

    /** @return the dataset with this id, else the newest one with this name */
    Optional<DatasetReady> find(String nameOrId);

    /** @return every known dataset, newest first */
    List<DatasetReady> all();
}
