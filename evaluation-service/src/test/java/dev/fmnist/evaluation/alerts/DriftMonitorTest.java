package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.metrics.InputProfiler;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.evaluation.service.ModelStore;
import dev.fmnist.evaluation.service.RegisteredModel;
import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift windows on the committed fixture: the reference is the training split's profile (as training-service
 * registers it), the windows hold the 500 test images, as they are and inverted (255 − p).
 */
class DriftMonitorTest {

    private static final int WINDOW = 500;
    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    private static IdxSplit train;
    private static IdxSplit test;
    private static InputProfile reference;

    @BeforeAll
    static void fixture() {
        train = IdxCodec.read(Fixtures.fashionMnistMini(), "train");
        test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        InputProfiler profiler = new InputProfiler();
        for (int i = 0; i < train.count(); i++) {
            profiler.add(train.image(i), train.label(i));
        }
        reference = profiler.profile();
    }

    @Test
    void normalTestImagesStaySilentAndInvertedOnesRaiseInputDrift() {
        HysteresisTest.StateKeepingOutlet outlet = new HysteresisTest.StateKeepingOutlet();
        DriftMonitor monitor = monitor(outlet, production("prod", reference));

        monitor.images(testImages(false).subList(0, WINDOW - 1), T0);
        assertThat(monitor.check()).as("the window is not full yet").isEmpty();
        monitor.images(testImages(false).subList(WINDOW - 1, WINDOW), T0);
        Finding normal = single(monitor.check());
        System.out.printf("normal test images: %s%n", normal.figures());
        assertThat(normal.type()).isEqualTo(Alert.INPUT_DRIFT);
        assertThat(normal.figures().get("psi")).isLessThan(0.10);
        assertThat(normal.decision()).isEqualTo(Decision.CLEAR);
        assertThat(monitor.check()).as("nothing new: not checked again").isEmpty();

        monitor.images(testImages(true), T0.plusSeconds(1));
        Finding inverted = single(monitor.check());
        System.out.printf("inverted test images: %s%n", inverted.figures());
        assertThat(inverted.figures().get("meanGreyPsi")).isGreaterThan(0.25);
        assertThat(inverted.figures().get("backgroundPsi")).isGreaterThan(0.25);
        assertThat(inverted.decision()).isEqualTo(Decision.RAISE);
        assertThat(inverted.modelId()).isEqualTo("prod");
        assertThat(inverted.window().start()).isEqualTo(T0.plusSeconds(1));
        assertThat(monitor.inputPsi()).isEqualTo(inverted.figures().get("psi"));

        monitor.images(testImages(false), T0.plusSeconds(2));
        assertThat(single(monitor.check()).decision()).isEqualTo(Decision.CLEAR);
        assertThat(outlet.sent)
                .extracting(Alert::type, Alert::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Alert.INPUT_DRIFT, Alert.RAISED),
                        org.assertj.core.groups.Tuple.tuple(Alert.INPUT_DRIFT, Alert.CLEARED));
    }

    @Test
    void predictedClassesFarFromTheTrainingSharesRaisePredictionDrift() {
        HysteresisTest.StateKeepingOutlet outlet = new HysteresisTest.StateKeepingOutlet();
        DriftMonitor monitor = monitor(outlet, production("prod", reference));
        List<Prediction> uniform = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            uniform.add(prediction("prod", i % 10, null));
            uniform.add(prediction("prod", 3, Prediction.SHADOW)); // a shadow's are not the production model's
            uniform.add(prediction("other", 3, null));
        }
        monitor.observe(uniform);
        Finding silent = single(monitor.check());
        assertThat(silent.type()).isEqualTo(Alert.PREDICTION_DRIFT);
        assertThat(silent.figures().get("psi")).isLessThan(1e-9);

        List<Prediction> skewed = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            skewed.add(prediction("prod", i % 5 == 0 ? i % 10 : 3, Prediction.PRODUCTION));
        }
        monitor.observe(skewed);
        Finding drifted = single(monitor.check());
        assertThat(drifted.decision()).isEqualTo(Decision.RAISE);
        assertThat(drifted.figures().get("movedClass")).isEqualTo(3.0);
        assertThat(drifted.reason()).contains("Dress");
        assertThat(outlet.sent).extracting(Alert::type).containsExactly(Alert.PREDICTION_DRIFT);
        assertThat(outlet.sent.get(0).modelId()).isEqualTo("prod");
    }

    @Test
    void aProductionModelWithoutAReferenceIsNotChecked() {
        DriftMonitor monitor = monitor(new HysteresisTest.StateKeepingOutlet(), production("old", null));
        monitor.images(testImages(true), T0);
        assertThat(monitor.check()).isEmpty();
        assertThat(monitor.check()).isEmpty();
    }

    private static DriftMonitor monitor(AlertOutlet outlet, RegisteredModel... models) {
        ModelRegistry registry = new ModelRegistry(new ModelStore() {
            @Override
            public void upsert(RegisteredModel model) {}

            @Override
            public List<RegisteredModel> loadAll() {
                return List.of(models);
            }
        });
        return new DriftMonitor(
                registry, new AlertRaiser(outlet, Clock.systemUTC()), WINDOW, new Hysteresis(0.25, 0.10));
    }

    private static RegisteredModel production(String id, InputProfile reference) {
        return new RegisteredModel(id, "net", 2, "mlp", ModelStatus.PRODUCTION, 0.8, T0, reference);
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static List<byte[]> testImages(boolean inverted) {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) {
            byte[] pixels = test.image(i);
            if (inverted) {
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = (byte) (255 - (pixels[p] & 0xFF));
                }
            }
            images.add(pixels);
        }
        return images;
    }

    private static Prediction prediction(String model, int label, String role) {
        double[] probabilities = new double[FashionLabels.COUNT];
        probabilities[label] = 1;
        return new Prediction("img", model, 2, label, FashionLabels.name(label), probabilities, null, 1.0, T0)
                .withRole(role);
    }
}
