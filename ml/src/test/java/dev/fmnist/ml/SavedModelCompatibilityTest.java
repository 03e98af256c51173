package dev.fmnist.ml;

import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Model files already in a registry keep working: one small committed model file per architecture
 * ({@code src/test/resources/compatibility/<architecture>.model.zip}) is loaded and must give the committed
 * probabilities ({@code expected-probabilities.json}) on the first five fixture test images, within 1e-5. A library
 * upgrade (DL4J, ND4J, Tribuo, Jackson) or a change to the file format that breaks old files fails here.
 *
 * <p>Regenerate the files only when a model file's format changes on purpose and old files are migrated (never to
 * make a failure go away): {@code ./mvnw -o -q -pl ml -am verify -Dtest=SavedModelCompatibilityTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfmnist.compat.regenerate=true}, then commit the folder.
 */
class SavedModelCompatibilityTest {

    static final String REGENERATE = "fmnist.compat.regenerate";
    static final Path FOLDER = Path.of("src/test/resources/compatibility");
    static final String EXPECTED = "expected-probabilities.json";
    static final int IMAGES = 5;

    /** architecture → the small recipe its committed file was trained with (one epoch on the fixture). */
    static Map<String, TrainingSpec> recipes() {
        Map<String, TrainingSpec> recipes = new LinkedHashMap<>();
        recipes.put("softmax", TrainingSpec.of("softmax", 1, 64, null, 1L, Map.of(), 0));
        recipes.put("mlp", TrainingSpec.of("mlp", 1, 64, null, 1L, Map.of("hiddenLayers", List.of(16)), 0));
        recipes.put("lenet5", TrainingSpec.of("lenet5", 1, 64, null, 1L, Map.of(), 0));
        recipes.put("cnn", TrainingSpec.of("cnn", 1, 64, null, 1L, Map.of("width", 4, "dense", 16), 0));
        recipes.put(
                "pca-tree",
                TrainingSpec.of("pca-tree", 1, null, null, 1L, Map.of("pcaComponents", 10, "maxDepth", 8), 0));
        return recipes;
    }

    @Test
    void everyArchitecturesCommittedModelFileGivesItsCommittedProbabilities() throws IOException {
        List<byte[]> images = fixtureTest().images().subList(0, IMAGES);
        if (Boolean.getBoolean(REGENERATE)) {
            regenerate(images);
        }
        Map<String, ?> expected;
        try (InputStream in = resource(EXPECTED)) {
            expected = readExpected(in.readAllBytes());
        }
        assertThat(expected.keySet())
                .as("one file per architecture")
                .containsExactlyInAnyOrderElementsOf(recipes().keySet());
        for (String architecture : recipes().keySet()) {
            ModelBundle bundle;
            try (InputStream in = resource(architecture + ".model.zip")) {
                bundle = ModelBundle.readFrom(in);
            }
            assertThat(bundle.metadata().architecture()).isEqualTo(architecture);
            double[][] actual = bundle.classifier().predictProbabilities(images);
            List<?> rows = (List<?>) expected.get(architecture);
            assertThat(rows).hasSize(IMAGES);
            for (int i = 0; i < IMAGES; i++) {
                double[] want = ((List<?>) rows.get(i))
                        .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                assertThat(actual[i]).as("%s, image %d", architecture, i).containsExactly(want, within(1e-5));
            }
        }
    }

    private static void regenerate(List<byte[]> images) throws IOException {
        Files.createDirectories(FOLDER);
        TrainingData train = fixtureTrain();
        Map<String, double[][]> expected = new LinkedHashMap<>();
        for (Map.Entry<String, TrainingSpec> recipe : recipes().entrySet()) {
            ModelBundle bundle = ModelTrainer.train(recipe.getValue(), train, null);
            Files.write(FOLDER.resolve(recipe.getKey() + ".model.zip"), bundle.toBytes());
            // the probabilities of the file as read back, as the test will read it
            expected.put(
                    recipe.getKey(),
                    ModelBundle.fromBytes(bundle.toBytes()).classifier().predictProbabilities(images));
        }
        Files.write(FOLDER.resolve(EXPECTED), JsonCodec.toBytes(expected));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> readExpected(byte[] json) {
        return JsonCodec.fromBytes(json, Map.class);
    }

    private static InputStream resource(String name) throws IOException {
        if (Boolean.getBoolean(REGENERATE)) {
            return Files.newInputStream(FOLDER.resolve(name));
        }
        InputStream in = SavedModelCompatibilityTest.class.getResourceAsStream("/compatibility/" + name);
        assertThat(in).as("committed file compatibility/" + name).isNotNull();
        return in;
    }

    private static TrainingData fixtureTrain() throws IOException {
        return IdxFiles.read(Fixtures.fashionMnistMini(), "train");
    }

    private static TrainingData fixtureTest() throws IOException {
        return IdxFiles.read(Fixtures.fashionMnistMini(), "t10k");
    }
}
