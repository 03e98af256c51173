package dev.fmnist.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsAndLabelsTest {

    @Test
    void topicNamesAreTheContracts() {
        assertThat(Topics.FIXED)
                .containsExactly(
                        "fmnist.images.input",
                        "fmnist.predictions",
                        "fmnist.evaluations",
                        "fmnist.rejected",
                        "fmnist.datasets",
                        "fmnist.training.jobs",
                        "fmnist.training.progress",
                        "fmnist.models",
                        "fmnist.predictions.shadow",
                        "fmnist.alerts");
        assertThat(Topics.datasetSplit("fashion-mnist", "train")).isEqualTo("fmnist.datasets.fashion-mnist.train");
    }

    @Test
    void labelsAreTheContracts() {
        assertThat(FashionLabels.name(0)).isEqualTo("T-shirt/top");
        assertThat(FashionLabels.name(9)).isEqualTo("Ankle boot");
        assertThatThrownBy(() -> FashionLabels.name(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
