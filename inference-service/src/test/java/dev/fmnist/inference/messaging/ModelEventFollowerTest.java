package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Topics;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ModelActivator;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.support.TestProducer;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.platform.testing.SharedTestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A (re)starting instance rebuilds "who is production" from the whole {@code fmnist.models} log on the real broker,
 * and loads only that model: a production model superseded later in the log is never fetched.
 */
class ModelEventFollowerTest {

    @TempDir
    Path cache;

    @Test
    void atStartTheLogIsReplayedAndOnlyTheLatestProductionModelIsLoaded() throws Exception {
        String bootstrap = SharedTestPlatform.get().bootstrapServers();
        TrainedModels.Trained trained = TrainedModels.first();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        ModelEvent superseded = new ModelEvent("restart-old", "fashion", 7, "mlp", ModelStatus.PRODUCTION, null,
                Map.of(), null, null, "00".repeat(32), cache.resolve("absent.zip").toUri().toString(), "old",
                later);
        ModelEvent production = new ModelEvent("restart-new", "fashion", 8, "mlp", ModelStatus.PRODUCTION,
                ModelStatus.REGISTERED, Map.of(), null, null, trained.sha256(), trained.file().toUri().toString(),
                "promoted", later.plusSeconds(1));
        ModelEvent registeredOnly = new ModelEvent("restart-candidate", "fashion", 9, "mlp",
                ModelStatus.REGISTERED, null, Map.of(), null, null, "11".repeat(32), "file:/nowhere", "new",
                later.plusSeconds(2));
        try (TestProducer producer = new TestProducer(bootstrap)) {
            producer.sendJson(Topics.MODELS, superseded.modelId(), superseded);
            producer.sendJson(Topics.MODELS, production.modelId(), production);
            producer.sendJson(Topics.MODELS, registeredOnly.modelId(), registeredOnly);
            producer.send(Topics.MODELS, "garbage", "not json".getBytes());
            producer.flush();
        }

        ServingModelHolder holder = new ServingModelHolder();
        ModelActivator activator = new ModelActivator(new ArtifactStore(cache, Duration.ofSeconds(10)), holder,
                Clock.systemUTC());
        ModelEventFollower follower = new ModelEventFollower(bootstrap, config(), activator, holder, null);
        follower.onStart(null);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> holder.current().isPresent());
            ServingModel serving = holder.current().orElseThrow();
            assertThat(serving.modelId()).isEqualTo("restart-new");
            assertThat(serving.version()).isEqualTo(8);
            assertThat(follower.replayed()).isTrue();
            assertThat(follower.lastError()).isNull();
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.map(path -> path.getFileName().toString()).toList())
                        .as("only the production model's file was fetched")
                        .isEqualTo(List.of(trained.sha256() + ".model.zip"));
            }
        } finally {
            follower.onStop(null);
        }
    }

    private static InferenceConfig config() {
        return new InferenceConfig() {
            @Override
            public String serviceName() {
                return "inference-service";
            }

            @Override
            public int maxRecordBytes() {
                return 1024 * 1024;
            }

            @Override
            public int maxBatchesInFlight() {
                return 3;
            }

            @Override
            public Artifacts artifacts() {
                return null;
            }

            @Override
            public Registry registry() {
                return new Registry() {
                    @Override
                    public Duration pollTimeout() {
                        return Duration.ofMillis(200);
                    }

                    @Override
                    public Duration retryInterval() {
                        return Duration.ofSeconds(1);
                    }
                };
            }
        };
    }
}
