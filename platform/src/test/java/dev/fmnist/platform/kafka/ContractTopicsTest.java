package dev.fmnist.platform.kafka;

import dev.fmnist.contracts.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractTopicsTest {

    @Test
    void everyFixedContractTopicHasASpecInContractOrder() {
        assertThat(ContractTopics.ALL).extracting(TopicSpec::name).containsExactlyElementsOf(Topics.FIXED);
    }

    @Test
    void theSystemsMemoryIsKeptForeverAndStreamsForAWeek() {
        assertThat(ContractTopics.ALL)
                .filteredOn(TopicSpec::keptForever)
                .extracting(TopicSpec::name)
                .containsExactlyInAnyOrder(
                        Topics.PREDICTIONS, Topics.DATASETS, Topics.MODELS, Topics.PREDICTIONS_SHADOW);
        assertThat(ContractTopics.of(Topics.IMAGES_INPUT).configs()).containsEntry("retention.ms", "604800000");
        assertThat(ContractTopics.of(Topics.PREDICTIONS).configs()).containsEntry("retention.ms", "-1");
        assertThat(ContractTopics.datasetSplit("fashion-mnist", "train").name())
                .isEqualTo("fmnist.datasets.fashion-mnist.train");
        assertThat(ContractTopics.datasetSplit("fashion-mnist", "train").keptForever())
                .isTrue();
    }

    @Test
    void highVolumeTopicsArePartitionedForParallelConsumers() {
        assertThat(ContractTopics.of(Topics.IMAGES_INPUT).partitions()).isEqualTo(4);
        assertThat(ContractTopics.of(Topics.PREDICTIONS).partitions()).isEqualTo(4);
        assertThat(ContractTopics.of(Topics.TRAINING_JOBS).partitions())
                .as("training replicas share the jobs, a search's fold jobs spread over them")
                .isEqualTo(4);
        assertThat(ContractTopics.of(Topics.MODELS).partitions()).isEqualTo(1);
    }

    @Test
    void streamPartitionsAreConfigurationWithTheSystemPropertyFirst() {
        assertThat(ContractTopics.streamPartitions(null, null)).isEqualTo(4);
        assertThat(ContractTopics.streamPartitions(null, "8")).isEqualTo(8);
        assertThat(ContractTopics.streamPartitions("2", "8")).isEqualTo(2);
        assertThat(ContractTopics.streamPartitions(" ", " 6 ")).isEqualTo(6);
        assertThatThrownBy(() -> ContractTopics.streamPartitions("0", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FMNIST_STREAM_PARTITIONS")
                .hasMessageContaining("'0'");
        assertThatThrownBy(() -> ContractTopics.streamPartitions(null, "four")).hasMessageContaining("1..256");
    }

    @Test
    void unknownTopicIsNotAContractTopic() {
        assertThatThrownBy(() -> ContractTopics.of("fmnist.nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fmnist.nope");
    }
}
