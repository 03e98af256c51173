package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.DecodedImage;

import java.util.List;

/** Where the grey levels of recent input images are kept, by image id, for the cell samples to show. */
public interface ImageStore {

    /**
     * Stores images by id, one transaction; an id stored before gets the new pixels and counts as newest.
     *
     * @param images accepted images, one per id, oldest first
     */
    void store(List<DecodedImage> images);

    /**
     * Keeps only the most recently stored images.
     *
     * @param keep images kept
     * @return images deleted
     */
    int prune(int keep);
}
