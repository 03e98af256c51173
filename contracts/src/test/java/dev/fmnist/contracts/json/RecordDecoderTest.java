package dev.fmnist.contracts.json;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder("evaluation-service");

    @Test
    void decodesAValidPrediction() {
        String json = "{\"id\":\"a\",\"modelId\":\"m\",\"modelVersion\":1,\"label\":2,\"className\":\"Pullover\","
                + "\"probabilities\":[0,0,1,0,0,0,0,0,0,0],\"trueLabel\":2,\"latencyMs\":1,\"timestamp\":\"2026-01-01T00:00:00Z\"}";

        Decoded<Prediction> decoded = decoder.decode(Topics.PREDICTIONS, "a", json, Prediction.class);

        assertThat(decoded.isAccepted()).isTrue();
        assertThat(decoded.value().trueLabel()).isEqualTo(2);
    }

    @Test
    void refusesAPredictionWithAnOutOfRangeLabel() {
        String json =
                "{\"id\":\"a\",\"modelId\":\"m\",\"modelVersion\":1,\"label\":12,\"probabilities\":[0,0,1,0,0,0,0,0,0,0]}";

        Decoded<Prediction> decoded = decoder.decode(Topics.PREDICTIONS, "a", json, Prediction.class);

        assertThat(decoded.rejection().reason()).isEqualTo("invalid-field: label must be an integer 0..9, was 12");
        assertThat(decoded.rejection().service()).isEqualTo("evaluation-service");
    }

    @Test
    void refusesAPredictionWithoutALabelInsteadOfReadingItAsZero() {
        String json = "{\"id\":\"a\",\"modelId\":\"m\",\"modelVersion\":1,\"probabilities\":[1,0,0,0,0,0,0,0,0,0]}";

        Decoded<Prediction> decoded = decoder.decode(Topics.PREDICTIONS, "a", json, Prediction.class);

        assertThat(decoded.isAccepted()).isFalse();
        assertThat(decoded.rejection().reason())
                .startsWith("invalid-field: not a valid Prediction:")
                .contains("label");
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        String json = "{\"jobId\":\"j\",\"dataset\":\"d\",\"architecture\":\"mlp\",\"epochs\":\"many\"}";

        Decoded<TrainingJob> decoded = decoder.decode(Topics.TRAINING_JOBS, "j", json, TrainingJob.class);

        assertThat(decoded.rejection().reason()).startsWith("invalid-field: not a valid TrainingJob:");
    }

    @Test
    void refusesAJobWithoutEpochs() {
        String json = "{\"jobId\":\"j\",\"dataset\":\"d\",\"architecture\":\"mlp\",\"epochs\":0}";

        Decoded<TrainingJob> decoded = decoder.decode(Topics.TRAINING_JOBS, "j", json, TrainingJob.class);

        assertThat(decoded.rejection().reason()).isEqualTo("invalid-field: epochs must be a positive integer, was 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "\"kind\":\"grid\"|kind must be 'train' or 'search', was 'grid'",
                "\"kind\":\"search\"|search is missing",
                "\"kind\":\"search\",\"search\":{\"grid\":{}}|search.grid must name 1..20 parameters",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[]}}|search.grid.dropout must be a non-empty",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[0.1]},\"folds\":1}|search.folds must be 2..10, was 1",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[0.1]},\"folds\":11}|search.folds must be 2..10, was 11",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[0.1,0.2]},\"trials\":3}|search.trials must be 1..2",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[0.1]},\"metric\":\"loss\"}|search.metric must be accuracy or macroF1",
                "\"kind\":\"search\",\"search\":{\"grid\":{\"dropout\":[0.1,0.1]}}|search.grid.dropout holds a value twice",
                "\"search\":{\"grid\":{\"dropout\":[0.1]}}|search is only allowed with kind 'search'",
                "\"trial\":{\"searchId\":\"s\",\"trial\":1,\"fold\":3,\"folds\":3}|trial.fold must be 0..2, was 3",
                "\"trial\":{\"searchId\":\"s\",\"trial\":1,\"fold\":0}|trial.fold and trial.folds go together",
                "\"trial\":{\"trial\":1}|'trial.searchId' is missing"
            })
    void refusesABrokenSearchOrTrialWithItsReason(String fields, String reason) {
        String json = "{\"jobId\":\"j\",\"dataset\":\"d\",\"architecture\":\"mlp\",\"epochs\":1," + fields + "}";

        Decoded<TrainingJob> decoded = decoder.decode(Topics.TRAINING_JOBS, "j", json, TrainingJob.class);

        assertThat(decoded.isAccepted()).isFalse();
        assertThat(decoded.rejection().reason()).startsWith("invalid-field: " + reason);
    }

    @Test
    void refusesAGridOfMoreThan200Configurations() {
        String values = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]";
        String json = "{\"jobId\":\"j\",\"dataset\":\"d\",\"architecture\":\"mlp\",\"epochs\":1,"
                + "\"kind\":\"search\",\"search\":{\"grid\":{\"a\":" + values + ",\"b\":" + values + "}}}";

        Decoded<TrainingJob> decoded = decoder.decode(Topics.TRAINING_JOBS, "j", json, TrainingJob.class);

        assertThat(decoded.rejection().reason())
                .isEqualTo("invalid-field: search.grid has 225 configurations, the limit is 200");
    }

    @Test
    void refusesASearchWhoseFoldIdsWouldBeTooLong() {
        String json = "{\"jobId\":\"" + "s".repeat(121) + "\",\"dataset\":\"d\",\"architecture\":\"mlp\","
                + "\"epochs\":1,\"kind\":\"search\",\"search\":{\"grid\":{\"a\":[1]}}}";

        Decoded<TrainingJob> decoded = decoder.decode(Topics.TRAINING_JOBS, "j", json, TrainingJob.class);

        assertThat(decoded.rejection().reason()).contains("has 121 characters, the limit is 120");
    }

    @Test
    void refusesNonObjectsAndTombstones() {
        assertThat(decoder.decode(Topics.MODELS, "k", (byte[]) null, ModelEvent.class)
                        .rejection()
                        .reason())
                .startsWith("not-an-object: value is null");
        assertThat(decoder.decode(Topics.MODELS, "k", "[]", ModelEvent.class)
                        .rejection()
                        .reason())
                .isEqualTo("not-an-object: value is a JSON array, not an object");
        assertThat(decoder.decode(Topics.MODELS, "k", "{oops", ModelEvent.class)
                        .rejection()
                        .reason())
                .startsWith("invalid-json:");
        assertThat(decoder.decode(Topics.MODELS, "k", "{\"status\":\"PRODUCTION\"}", ModelEvent.class)
                        .rejection()
                        .reason())
                .isEqualTo("invalid-field: 'modelId' is missing");
        assertThat(decoder.decode(Topics.MODELS, "k", "{\"modelId\":\"m\",\"status\":\"GONE\"}", ModelEvent.class)
                        .rejection()
                        .reason())
                .startsWith("invalid-field: not a valid ModelEvent:");
    }

    @Test
    void refusesIdsAndTextsThatCannotBeStored() {
        String prediction = "{\"id\":\"a\\u0000b\",\"modelId\":\"m\",\"modelVersion\":1,\"label\":3,"
                + "\"probabilities\":[0,0,0,1,0,0,0,0,0,0],\"trueLabel\":3}";
        assertThat(decoder.decode(Topics.PREDICTIONS, "a", prediction, Prediction.class)
                        .rejection()
                        .reason())
                .isEqualTo("invalid-field: 'id' contains the control character U+0000 at position 1");
        assertThat(decoder.decode(
                                Topics.MODELS,
                                "m",
                                "{\"modelId\":\"m\",\"name\":\"x\\u0000\",\"status\":\"REGISTERED\"}",
                                ModelEvent.class)
                        .rejection()
                        .reason())
                .isEqualTo("invalid-field: 'name' contains the character U+0000");
        assertThat(decoder.decode(
                                Topics.MODELS,
                                "m",
                                "{\"modelId\":\"m\",\"status\":\"REGISTERED\",\"status\":\"PRODUCTION\"}",
                                ModelEvent.class)
                        .rejection()
                        .reason())
                .startsWith("invalid-json: Duplicate field 'status'");
    }
}
