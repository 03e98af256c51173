package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.validation.InputImageValidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the pixels of recent input images for the cell samples. A batch of {@code fmnist.images.input} records is
 * decoded with the contract's own {@link InputImageValidator} (raw pixels or PNG/JPEG to 28×28 grey levels, exactly
 * as inference-service reads them); accepted images with a {@code label} are stored by id, newest occurrence of an id
 * winning (only a labelled image becomes a counted prediction, so unlabelled ones are not kept). A refused record is
 * only counted: inference-service already refuses it to {@code fmnist.rejected}. The store is kept to its bound as it
 * grows: after every {@code keep / 4} stored images the oldest beyond {@code keep} are deleted.
 */
public final class ImageArchive {

    private final InputImageValidator validator = new InputImageValidator(PredictionIntake.SERVICE);
    private final ImageStore store;
    private final int keep;
    private final int pruneEvery;
    private long storedSincePrune;

    /**
     * @param store where the pixels go
     * @param keep  images kept (0: none are stored)
     */
    public ImageArchive(ImageStore store, int keep) {
        this.store = store;
        this.keep = keep;
        this.pruneEvery = Math.max(1, keep / 4);
    }

    /**
     * Stores one batch (one transaction), then prunes when due. Safe to repeat after a failure: storing is an upsert.
     *
     * @param records a batch in consumption order
     * @return what became of it
     */
    public synchronized Outcome handle(List<RawRecord> records) {
        Map<String, DecodedImage> labelled = new LinkedHashMap<>();
        List<Rejection> refused = new ArrayList<>();
        List<byte[]> accepted = new ArrayList<>(records.size());
        int unlabelled = 0;
        for (RawRecord record : records) {
            Decoded<DecodedImage> decoded = validator.validate(record.topic(), record.key(), record.value());
            if (decoded.isAccepted()) {
                accepted.add(decoded.value().pixels());
            }
            if (!decoded.isAccepted()) {
                refused.add(decoded.rejection());
            } else if (decoded.value().label() == null) {
                unlabelled++;
            } else {
                labelled.remove(decoded.value().id());
                labelled.put(decoded.value().id(), decoded.value());
            }
        }
        if (keep > 0 && !labelled.isEmpty()) {
            store.store(List.copyOf(labelled.values()));
            storedSincePrune += labelled.size();
            if (storedSincePrune >= pruneEvery) {
                store.prune(keep);
                storedSincePrune = 0;
            }
        }
        return new Outcome(keep > 0 ? labelled.size() : 0, unlabelled, refused, accepted);
    }

    /**
     * Deletes the images beyond the bound (also done as the store grows).
     *
     * @return images deleted
     */
    public int prune() {
        return store.prune(keep);
    }

    /** @return images kept at most (between prunings up to a quarter more) */
    public int keep() {
        return keep;
    }

    /**
     * What became of a batch.
     *
     * @param stored     labelled images stored (one per id)
     * @param unlabelled accepted images without a label (not kept)
     * @param refused    records the contract refuses, with the reason (not published again: inference does)
     * @param accepted   the grey levels of every accepted image, labelled or not, in consumption order (for the
     *                   input-drift window)
     */
    public record Outcome(int stored, int unlabelled, List<Rejection> refused, List<byte[]> accepted) {}
}
