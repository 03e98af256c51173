package dev.fmnist.training.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.ml.training.TrainingData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the records of one split topic into what a job trains on: one image per record key (the last one wins),
 * only labelled images that pass the contract's input rules, ordered by key, so the same topic content always gives
 * the same training data. Not thread-safe.
 */
public final class SplitCollector {

    private final String topic;
    private final InputImageValidator validator = new InputImageValidator(JobService.SERVICE);
    private final Map<String, DecodedImage> byKey = new TreeMap<>();
    private int records;
    private int skipped;

    /** @param topic the split's topic */
    public SplitCollector(String topic) {
        this.topic = topic;
    }

    /** Takes one record of the topic. */
    public void add(String key, byte[] value) {
        records++;
        Decoded<DecodedImage> decoded = validator.validate(topic, key, value);
        if (!decoded.isAccepted() || decoded.value().label() == null) {
            skipped++;
            return;
        }
        byKey.put(key != null ? key : decoded.value().id(), decoded.value());
    }

    /** @return the split as collected so far */
    public LoadedSplit result() {
        List<byte[]> images = new ArrayList<>(byKey.size());
        int[] labels = new int[byKey.size()];
        int i = 0;
        for (DecodedImage image : byKey.values()) {
            images.add(image.pixels());
            labels[i++] = image.label();
        }
        return new LoadedSplit(
                topic,
                new TrainingData(images, labels),
                records,
                records - skipped - byKey.size(),
                skipped,
                SplitHash.of(byKey));
    }
}
