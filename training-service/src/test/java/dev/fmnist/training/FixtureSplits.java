package dev.fmnist.training;

import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Topics;
import dev.fmnist.ml.training.TrainingData;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Publishes images to a dataset's split topic the way the ingest-service does (key
 * {@code <name>/<split>/<position>}, position from 1) and describes the split as its announcement would, with the
 * content hash written out as the ingest-service's {@code SplitData.contentHash} documents it.
 */
final class FixtureSplits {

    private FixtureSplits() {}

    /** @return the id of image {@code index} (0-based) of the split */
    static String key(String dataset, String split, int index) {
        return String.format(Locale.ROOT, "%s/%s/%05d", dataset, split, index + 1);
    }

    /** Publishes all of {@code data} to the split's topic (created with 3 partitions). @return the split announced */
    static DatasetSplit publish(KafkaTestClient kafka, String dataset, String split, TrainingData data)
            throws Exception {
        String topic = Topics.datasetSplit(dataset, split);
        kafka.createTopic(topic, 3);
        for (int i = 0; i < data.size(); i++) {
            kafka.sendAsync(
                    topic,
                    key(dataset, split, i),
                    InputImage.ofPixels(key(dataset, split, i), data.images().get(i), data.labels()[i]));
        }
        kafka.flush();
        return describe(split, topic, data);
    }

    /** @return the split as the ingest-service would announce {@code data} published at positions 1..n */
    static DatasetSplit describe(String split, String topic, TrainingData data) throws Exception {
        return new DatasetSplit(split, topic, data.size(), data.classCounts(), contentHash(data), 0);
    }

    /** SHA-256 over, per image at positions 1..n: the position (4 bytes big-endian), the label byte, 784 pixels. */
    static String contentHash(TrainingData data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < data.size(); i++) {
            int position = i + 1;
            bytes.write(position >>> 24);
            bytes.write(position >>> 16);
            bytes.write(position >>> 8);
            bytes.write(position);
            bytes.write(data.labels()[i]);
            bytes.write(data.images().get(i));
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
