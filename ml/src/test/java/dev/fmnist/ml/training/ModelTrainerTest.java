package dev.fmnist.ml.training;

import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.architecture.InvalidHyperParameterException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTrainerTest {

    @Test
    void mlpLearnsTheFixtureWellAboveChanceAndReportsEveryEpoch() throws IOException {
        List<TrainingUpdate> epochs = new ArrayList<>();
        List<TrainingUpdate> batches = new ArrayList<>();
        TrainingSpec spec = TrainingSpec.defaults("mlp", 8).withProgressEveryBatches(5);
        long t0 = System.nanoTime();
        TrainingResult result = ModelTrainer.fit(spec, FixtureData.train(), new TrainingListener() {
            @Override
            public void onBatch(TrainingUpdate update) {
                batches.add(update);
            }

            @Override
            public void onEpoch(TrainingUpdate update) {
                epochs.add(update);
            }
        });
        ConfusionMatrix test = ModelEvaluator.evaluate(result.bundle(), FixtureData.test());
        System.out.printf(
                "mlp fixture: test accuracy %.4f, validation %.4f, %.1f s%n",
                test.accuracy(), result.validation().accuracy(), (System.nanoTime() - t0) / 1e9);

        assertThat(test.total()).isEqualTo(500);
        assertThat(test.accuracy()).isGreaterThan(0.70);
        assertThat(result.trainCount()).isEqualTo(1440);
        assertThat(result.validationCount()).isEqualTo(160);
        assertThat(result.validation().total()).isEqualTo(160);
        assertThat(epochs).extracting(TrainingUpdate::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(epochs).allSatisfy(u -> {
            assertThat(u.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(u.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(u.imagesPerSecond()).isPositive();
        });
        assertThat(epochs.get(7).loss()).isLessThan(epochs.get(0).loss());
        assertThat(batches)
                .extracting(TrainingUpdate::batch)
                .containsOnly(5, 10)
                .hasSize(16);
        assertThat(result.bundle().metadata().hyperParameters())
                .containsEntry("hiddenLayers", List.of(256, 128))
                .containsEntry("optimizer", "adam");
        ModelBundle reloaded = ModelBundle.fromBytes(result.bundle().toBytes());
        assertThat(ModelEvaluator.evaluate(reloaded, FixtureData.test()).toArray())
                .isDeepEqualTo(test.toArray());
    }

    @Test
    void leNetTrainsOnImagesAndItsSavedFileGivesTheSamePredictions() throws IOException {
        TrainingResult result = ModelTrainer.fit(TrainingSpec.defaults("lenet5", 3), FixtureData.train(), null);
        ConfusionMatrix test = ModelEvaluator.evaluate(result.bundle(), FixtureData.test());
        System.out.printf("lenet5 fixture: test accuracy %.4f%n", test.accuracy());
        assertThat(test.accuracy()).isGreaterThan(0.55);
        assertThat(result.bundle().metadata().layout()).isEqualTo(dev.fmnist.ml.InputLayout.IMAGE);
        assertThat(result.bundle().metadata().backend()).contains("oneDNN layer helpers");
        ModelBundle reloaded = ModelBundle.fromBytes(result.bundle().toBytes());
        List<byte[]> images = FixtureData.test().images().subList(0, 40);
        assertThat(reloaded.classifier().predictProbabilities(images))
                .isDeepEqualTo(result.bundle().classifier().predictProbabilities(images));
    }

    @Test
    void theRecipeCnnLearnsAboveChanceInAShortRunAndReloadsToTheSamePredictions() throws IOException {
        // the 94% recipe (one-cycle, Nesterov, label smoothing, augmentation, standardised input) shrunk to 2 epochs
        // on the fixture's 1,600 images
        long t0 = System.nanoTime();
        TrainingSpec spec = TrainingSpec.of("cnn", 2, 64, null, null, Map.of(), 0);
        TrainingResult result = ModelTrainer.fit(spec, FixtureData.train(), null);
        ConfusionMatrix test = ModelEvaluator.evaluate(result.bundle(), FixtureData.test());
        System.out.printf(
                "cnn fixture: test accuracy %.4f, validation %.4f, %.1f s%n",
                test.accuracy(), result.validation().accuracy(), (System.nanoTime() - t0) / 1e9);
        assertThat(test.accuracy()).as("chance is 0.10").isGreaterThan(0.35);
        assertThat(result.bundle().metadata().backend()).contains("oneDNN layer helpers");
        assertThat(result.bundle().metadata().normalization()).isEqualTo(dev.fmnist.ml.Normalization.standardised());
        assertThat(result.bundle().metadata().hyperParameters())
                .containsEntry("lrSchedule", "onecycle")
                .containsEntry("labelSmoothing", 0.1)
                .containsEntry("augmentShift", 2);
        ModelBundle reloaded = ModelBundle.fromBytes(result.bundle().toBytes());
        List<byte[]> images = FixtureData.test().images().subList(0, 40);
        assertThat(reloaded.classifier().predictProbabilities(images))
                .isDeepEqualTo(result.bundle().classifier().predictProbabilities(images));
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        TrainingSpec spec = TrainingSpec.defaults("softmax", 2);
        TrainingData data = FixtureData.train();
        double[][] first = ModelTrainer.train(spec, data, null)
                .classifier()
                .predictProbabilities(FixtureData.test().images().subList(0, 20));
        double[][] second = ModelTrainer.train(spec, data, null)
                .classifier()
                .predictProbabilities(FixtureData.test().images().subList(0, 20));
        assertThat(second).isDeepEqualTo(first);
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        AtomicInteger reports = new AtomicInteger();
        TrainingSpec spec = TrainingSpec.defaults("mlp", 50).withProgressEveryBatches(1);
        assertThatThrownBy(() -> ModelTrainer.train(spec, FixtureData.train(), new TrainingListener() {
                    @Override
                    public void onBatch(TrainingUpdate update) {
                        reports.incrementAndGet();
                    }

                    @Override
                    public boolean isCancelled() {
                        return reports.get() >= 3;
                    }
                }))
                .isInstanceOf(TrainingCancelledException.class)
                .hasMessageContaining("epoch 1");
        assertThat(reports).hasValue(3);
    }

    @Test
    void earlyStoppingEndsATrainingThatNoLongerImproves() {
        TrainingSpec spec =
                TrainingSpec.of("softmax", 60, 32, 0.05, 3L, Map.of("earlyStoppingPatience", 2, "optimizer", "sgd"), 0);
        TrainingResult result = ModelTrainer.fit(spec, FixtureData.train(), null);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.epochs()).hasSizeLessThan(60);
        double best = result.epochs().stream()
                .mapToDouble(TrainingUpdate::validationAccuracy)
                .max()
                .orElseThrow();
        assertThat(result.validation().accuracy()).isEqualTo(best);
        assertThat(result.epochs().get(result.bestEpoch() - 1).validationAccuracy())
                .isEqualTo(best);
    }

    @Test
    void invalidSpecsAreRefusedWithTheReason() {
        TrainingData data = FixtureData.train();
        assertThatThrownBy(() -> ModelTrainer.train(TrainingSpec.defaults("resnet", 1), data, null))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("unknown architecture");
        assertThatThrownBy(() -> ModelTrainer.train(
                        TrainingSpec.defaults("mlp", 1).withParameters(Map.of("activation", "swish")), data, null))
                .hasMessageContaining("activation")
                .hasMessageContaining("relu");
        assertThatThrownBy(() -> ModelTrainer.train(
                        TrainingSpec.defaults("mlp", 1).withParameters(Map.of("hiddenLayer", 12)), data, null))
                .hasMessageContaining("unknown parameter(s) [hiddenLayer]");
        assertThatThrownBy(() -> TrainingSpec.of("mlp", 1, null, null, null, Map.of("validationFraction", 0.9), 0))
                .hasMessageContaining("validationFraction");
    }

    @Test
    void theValidationSplitIsStratifiedAndSeeded() {
        int[] labels = FixtureData.train().labels();
        StratifiedSplit a = StratifiedSplit.of(labels, 0.1, 5);
        StratifiedSplit b = StratifiedSplit.of(labels, 0.1, 5);
        StratifiedSplit c = StratifiedSplit.of(labels, 0.1, 6);
        assertThat(a.validation()).isEqualTo(b.validation()).isNotEqualTo(c.validation());
        assertThat(FixtureData.train().subset(a.validation()).classCounts()).containsOnly(16L);
        assertThat(a.train().length + a.validation().length).isEqualTo(labels.length);
    }
}
