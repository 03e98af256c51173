package dev.fmnist.ingest.service;

import java.util.SortedMap;

/** Reads a published split back (a port: {@code messaging} implements it). */
public interface SplitReader {

    /**
     * @param topic a split topic
     * @return image id → record value (InputImage JSON) as compaction keeps it (the latest per id), sorted by id
     * @throws IllegalStateException when the topic does not exist or cannot be read to its end
     */
    SortedMap<String, byte[]> readAll(String topic);
}
