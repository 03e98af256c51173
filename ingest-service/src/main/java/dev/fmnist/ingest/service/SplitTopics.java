package dev.fmnist.ingest.service;

import java.util.List;

/** Makes dataset split topics ready to publish to (a port: {@code messaging} implements it). */
public interface SplitTopics {

    /**
     * Creates each topic that is missing, then waits until every partition of each has a leader.
     *
     * @param topics split topic names
     * @throws IllegalStateException when a topic cannot be created
     * @throws PublishException      when a topic gets no leaders in time
     */
    void prepare(List<String> topics);
}
