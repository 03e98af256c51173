package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.TrainingJob;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobValidatorTest {

    private static final DatasetReady MINI = new DatasetReady(
            "mini-1",
            "mini",
            "h",
            "test",
            "idx",
            List.of(new DatasetSplit("train", "fmnist.datasets.mini.train", 100, new long[10], "t", 0)),
            Instant.now());
    private static final DatasetReady NO_TRAIN = new DatasetReady(
            "only-test",
            "only-test",
            "h",
            "test",
            "idx",
            List.of(new DatasetSplit("test", "fmnist.datasets.only-test.test", 100, new long[10], "t", 0)),
            Instant.now());

    private final JobValidator validator = new JobValidator(name -> Optional.ofNullable(
            Map.of("mini", MINI, "mini-1", MINI, "only-test", NO_TRAIN).get(name)));

    @Test
    void aGoodJobPassesWithItsDataset() {
        JobValidator.Checked checked = validator.check(job("mini", "mlp", 2, Map.of("hiddenLayers", List.of(32))));
        assertThat(checked.valid()).isTrue();
        assertThat(checked.dataset().datasetId()).isEqualTo("mini-1");
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertThat(validator.check(job("mini", "mlp", 0, null)).problem()).startsWith("invalid-field: epochs");
        assertThat(validator.check(job("mini", "vgg", 1, null)).problem()).startsWith("unknown-architecture");
        assertThat(validator.check(job("cifar", "mlp", 1, null)).problem()).startsWith("unknown-dataset");
        assertThat(validator.check(job("only-test", "mlp", 1, null)).problem()).startsWith("invalid-dataset");
        assertThat(validator
                        .check(job("mini", "mlp", 1, Map.of("optimizer", "lion")))
                        .problem())
                .startsWith("invalid-parameter")
                .contains("optimizer");
        assertThat(validator
                        .check(job("mini", "softmax", 1, Map.of("hiddenLayers", List.of(3))))
                        .problem())
                .contains("unknown parameter(s) [hiddenLayers]");
        assertThat(validator.check(job("mini", "mlp", 5000, null)).problem()).contains("at most");
    }

    private static TrainingJob job(String dataset, String architecture, int epochs, Map<String, Object> params) {
        return new TrainingJob("j", dataset, architecture, epochs, null, null, null, null, params, null);
    }
}
