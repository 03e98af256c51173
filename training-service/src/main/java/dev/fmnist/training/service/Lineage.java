package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;

import java.util.Arrays;

/**
 * Checks that a split read from its topic is the split its {@code DatasetReady} announcement describes: the same
 * number of images, the same number per class, and (when the announcement carries one and checking is on) the same
 * content hash. A topic re-ingested with other data since the announcement fails the check, so a model's lineage
 * (the dataset id it is registered with) stays true. Reasons start with {@code lineage:}.
 */
public final class Lineage {

    private Lineage() {}

    /**
     * @param dataset    the announcement the job resolved to
     * @param announced  the split as announced
     * @param read       the split as read from its topic
     * @param verifyHash whether to compare content hashes
     * @return why they differ, null when they agree
     */
    public static String problem(DatasetReady dataset, DatasetSplit announced, LoadedSplit read, boolean verifyHash) {
        String what = "split " + announced.split() + " of dataset " + dataset.datasetId();
        long holds = read.data().size();
        if (holds != announced.count()) {
            return "lineage: " + what + " was announced with " + announced.count() + " images but topic " + read.topic()
                    + " holds " + holds + " labelled images (re-ingested with other data since?)";
        }
        if (announced.classCounts() != null && announced.classCounts().length > 0) {
            long[] actual = read.data().classCounts();
            if (!Arrays.equals(actual, announced.classCounts())) {
                return "lineage: " + what + " was announced with images per class "
                        + Arrays.toString(announced.classCounts()) + " but topic " + read.topic() + " holds "
                        + Arrays.toString(actual) + " (re-ingested with other data since?)";
            }
        }
        if (!verifyHash
                || announced.contentHash() == null
                || announced.contentHash().isBlank()) {
            return null;
        }
        if (read.contentHash() == null) {
            return "lineage: " + what + " announces content hash " + announced.contentHash() + " but the record keys"
                    + " of topic " + read.topic() + " carry no source positions (<name>/<split>/<position>), so it"
                    + " cannot be checked (fmnist.training.verify-dataset-hash=false skips the check)";
        }
        if (!read.contentHash().equalsIgnoreCase(announced.contentHash())) {
            return "lineage: " + what + " announces content hash " + announced.contentHash() + " but the images of"
                    + " topic " + read.topic() + " hash to " + read.contentHash()
                    + " (the topic holds other data than the announcement describes: re-ingested since?)";
        }
        return null;
    }
}
