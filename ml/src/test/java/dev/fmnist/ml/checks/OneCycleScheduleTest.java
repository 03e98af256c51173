package dev.fmnist.ml.checks;

import dev.fmnist.ml.architecture.OneCycleSchedule;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingResult;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * The one-cycle schedule (not a layer, so no gradient check): its values at the start, the peak and the end, the
 * half-cosine shape and monotony of both phases, for the learning rate and for the momentum that cycles the other
 * way; that it survives the model file's configuration JSON; and that the trainer's step count ends it exactly on
 * the last batch. (ArchitecturesTest checks the recipe's values at four steps.)
 */
class OneCycleScheduleTest {

    /** The recipe's learning rate: 0.1 / 25 → 0.1 → 0.1 / 25 / 1e4, 25% warm-up, 1,000 steps. */
    private static final OneCycleSchedule LR = new OneCycleSchedule(0.004, 0.1, 4e-7, 1000, 0.25);

    /** The recipe's momentum: 0.95 → 0.85 → 0.95. */
    private static final OneCycleSchedule MOMENTUM = new OneCycleSchedule(0.95, 0.85, 0.95, 1000, 0.25);

    @Test
    void itStartsPeaksAndEndsWhereItSaysAndStaysAtTheEnd() {
        assertThat(LR.valueAt(0, 0)).isEqualTo(0.004, offset(1e-15));
        assertThat(LR.valueAt(250, 0)).isEqualTo(0.1, offset(1e-15));
        assertThat(LR.valueAt(999, 0)).isEqualTo(4e-7, offset(1e-15));
        assertThat(LR.valueAt(1000, 0)).isEqualTo(4e-7, offset(1e-15));
        assertThat(LR.valueAt(50_000, 3)).isEqualTo(4e-7, offset(1e-15));
        assertThat(MOMENTUM.valueAt(0, 0)).isEqualTo(0.95, offset(1e-15));
        assertThat(MOMENTUM.valueAt(250, 0)).isEqualTo(0.85, offset(1e-15));
        assertThat(MOMENTUM.valueAt(999, 0)).isEqualTo(0.95, offset(1e-15));
    }

    @Test
    void bothPhasesAreHalfCosines() {
        // half-way through each phase a half cosine is at the mean of its ends
        assertThat(LR.valueAt(125, 0)).isEqualTo((0.004 + 0.1) / 2, offset(1e-12));
        // the anneal runs from step 250 to the last step, 999: its middle is 624.5, between two steps
        double middle = (0.1 + 4e-7) / 2;
        assertThat(LR.valueAt(624, 0)).isGreaterThan(middle);
        assertThat(LR.valueAt(625, 0)).isLessThan(middle);
        // PyTorch OneCycleLR's cosine: to + (from - to) / 2 · (cos(π·pct) + 1)
        double pct = (700 - 250) / 749.0;
        assertThat(LR.valueAt(700, 0))
                .isEqualTo(4e-7 + (0.1 - 4e-7) / 2 * (Math.cos(Math.PI * pct) + 1), offset(1e-15));
        // flat at both ends of each phase (zero slope of the cosine), steepest in the middle
        double startSlope = LR.valueAt(1, 0) - LR.valueAt(0, 0);
        double middleSlope = LR.valueAt(126, 0) - LR.valueAt(125, 0);
        assertThat(middleSlope).isGreaterThan(10 * startSlope);
    }

    @Test
    void itRisesStrictlyToThePeakThenFallsStrictlyToTheEndAndTheMomentumMirrorsIt() {
        for (int step = 1; step <= 250; step++) {
            assertThat(LR.valueAt(step, 0)).as("lr step %d", step).isGreaterThan(LR.valueAt(step - 1, 0));
            assertThat(MOMENTUM.valueAt(step, 0))
                    .as("momentum step %d", step)
                    .isLessThan(MOMENTUM.valueAt(step - 1, 0));
        }
        for (int step = 251; step < 1000; step++) {
            assertThat(LR.valueAt(step, 0)).as("lr step %d", step).isLessThan(LR.valueAt(step - 1, 0));
            assertThat(MOMENTUM.valueAt(step, 0))
                    .as("momentum step %d", step)
                    .isGreaterThan(MOMENTUM.valueAt(step - 1, 0));
        }
        for (int step = 0; step < 1200; step++) {
            assertThat(LR.valueAt(step, 0)).isBetween(4e-7, 0.1);
            assertThat(MOMENTUM.valueAt(step, 0)).isBetween(0.85, 0.95);
            // stepped per batch: the epoch DL4J also passes does not matter
            assertThat(LR.valueAt(step, 7)).isEqualTo(LR.valueAt(step, 0));
        }
    }

    @Test
    void withoutWarmUpItStartsAtThePeakAndBadSettingsAreRefused() {
        OneCycleSchedule noWarmUp = new OneCycleSchedule(0.004, 0.1, 4e-7, 100, 0.0);
        assertThat(noWarmUp.valueAt(0, 0)).isEqualTo(0.1, offset(1e-15));
        assertThat(noWarmUp.valueAt(99, 0)).isEqualTo(4e-7, offset(1e-15));
        assertThatThrownBy(() -> new OneCycleSchedule(0.004, 0.1, 4e-7, 0, 0.25))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OneCycleSchedule(0.004, 0.1, 4e-7, 100, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCnnsSchedulesSurviveTheModelFilesConfigurationJson() {
        MultiLayerConfiguration configuration = TrainingSpec.of("cnn", 15, null, null, null, Map.of(), 0)
                .resolve(55_000)
                .configuration();
        MultiLayerConfiguration reread = MultiLayerConfiguration.fromJson(configuration.toJson());
        Nesterovs before = (Nesterovs) ((BaseLayer) configuration.getConf(0).getLayer()).getIUpdater();
        Nesterovs after = (Nesterovs) ((BaseLayer) reread.getConf(0).getLayer()).getIUpdater();
        assertThat(after.getLearningRateSchedule())
                .isInstanceOf(OneCycleSchedule.class)
                .isEqualTo(before.getLearningRateSchedule());
        assertThat(after.getMomentumISchedule())
                .isInstanceOf(OneCycleSchedule.class)
                .isEqualTo(before.getMomentumISchedule());
        for (int step : new int[] {0, 1612, 4000, 6449}) {
            assertThat(after.getLearningRate(step, 0)).isEqualTo(before.getLearningRate(step, 0));
            assertThat(after.currentMomentum(step, 0)).isEqualTo(before.currentMomentum(step, 0));
        }
    }

    @Test
    void theTrainersLastBatchIsTheSchedulesLastStep() {
        // 1,600 fixture images, 10% held out: 1,440 in batches of 128 = 12 batches × 3 epochs = 36 steps
        TrainingSpec spec = TrainingSpec.of(
                "softmax", 3, 128, 0.1, null, Map.of("optimizer", "momentum", "lrSchedule", "onecycle"), 0);
        TrainingResult result = ModelTrainer.fit(spec, FixtureData.train(), null);
        MultiLayerNetwork network = (MultiLayerNetwork) result.bundle().network();
        Nesterovs updater = (Nesterovs)
                ((BaseLayer) network.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        OneCycleSchedule lr = (OneCycleSchedule) updater.getLearningRateSchedule();
        assertThat(result.trainCount()).isEqualTo(1440);
        assertThat(lr.getTotalSteps()).isEqualTo(36);
        assertThat(network.getIterationCount()).as("optimiser steps taken").isEqualTo(lr.getTotalSteps());
        assertThat(network.getEpochCount()).isEqualTo(3);
        assertThat(lr.valueAt(network.getIterationCount() - 1, 2)).isEqualTo(lr.getEnd());
    }
}
