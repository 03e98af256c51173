package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.evaluation.testing.HandMadeSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.fmnist.evaluation.service.PredictionCounterTest.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The counting path hands the sample store only newly counted predictions, the newest K of each cell. */
class PredictionCounterSamplesTest {

    private static final String MODEL = "m-samples";

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final RecordingSamples samples = new RecordingSamples();
    private final PredictionCounter counter = new PredictionCounter(
            new PredictionCounterTest.InMemoryStore(),
            new EvaluationBook(new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), 4),
            Clock.fixed(now, ZoneOffset.UTC),
            samples,
            1);

    @Test
    void onlyCountedPredictionsAreSampledTheNewestOfEachCellWithTheirProbabilities() {
        List<Prediction> batch = new ArrayList<>(HandMadeSet.predictions(MODEL));
        batch.add(batch.get(0)); // delivered twice in the batch
        counter.handle(records(batch));
        counter.handle(records(HandMadeSet.predictions(MODEL).subList(0, 5))); // redelivered later

        assertThat(samples.calls)
                .as("the redelivered batch counts nothing, so samples nothing")
                .hasSize(1);
        List<LabelledPrediction> kept = samples.calls.get(0);
        // HandMadeSet cells: (0,0) a01 a02 -> newest a02; (0,6) a03; (6,6) a04; (6,0) a05; (1,1) a06 a07 -> a07;
        // (1,9) a08; (8,1) a09; (2,2) a10 (equal timestamps: counting order decides)
        assertThat(kept)
                .extracting(LabelledPrediction::imageId)
                .containsExactlyInAnyOrder(
                        HandMadeSet.imageId(MODEL, 2),
                        HandMadeSet.imageId(MODEL, 3),
                        HandMadeSet.imageId(MODEL, 4),
                        HandMadeSet.imageId(MODEL, 5),
                        HandMadeSet.imageId(MODEL, 7),
                        HandMadeSet.imageId(MODEL, 8),
                        HandMadeSet.imageId(MODEL, 9),
                        HandMadeSet.imageId(MODEL, 10));
        assertThat(kept).allSatisfy(p -> assertThat(p.probabilities()).hasSize(10));
    }

    /** Remembers what it was asked to keep. */
    static final class RecordingSamples implements SampleStore {
        final List<List<LabelledPrediction>> calls = new ArrayList<>();

        @Override
        public void keep(List<LabelledPrediction> batch, int perCell) {
            calls.add(batch);
        }

        @Override
        public List<CellSample> cell(String modelId, int trueLabel, int predictedLabel, int limit) {
            return List.of();
        }

        @Override
        public List<CellSample> mistakes(String modelId, int limit) {
            return List.of();
        }
    }
}
