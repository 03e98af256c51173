package dev.fmnist.deploy.rules;

import dev.fmnist.contracts.Topics;
import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.TopicSpec;

/**
 * {@link ContractTopics} as the manifests must state it: the stream topics with
 * {@link ContractTopics#DEFAULT_STREAM_PARTITIONS} partitions, whatever FMNIST_STREAM_PARTITIONS says on the machine
 * running the check.
 */
final class ContractTopicsView {

    static final String IMAGES_INPUT = Topics.IMAGES_INPUT;
    static final String MODELS = Topics.MODELS;

    private ContractTopicsView() {}

    static boolean isContractTopic(String name) {
        return ContractTopics.ALL.stream().anyMatch(t -> t.name().equals(name));
    }

    /** @return the partitions the contract gives the topic */
    static int partitions(String name) {
        TopicSpec spec = ContractTopics.of(name);
        boolean stream = spec.partitions() == ContractTopics.STREAM_PARTITIONS && ContractTopics.STREAM_PARTITIONS > 1;
        return stream ? ContractTopics.DEFAULT_STREAM_PARTITIONS : spec.partitions();
    }
}
