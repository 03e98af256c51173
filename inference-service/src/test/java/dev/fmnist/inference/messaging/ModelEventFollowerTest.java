package dev.fmnist.inference.messaging;

import com.sun.net.httpserver.HttpServer;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Topics;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ArtifactUrlPolicy;
import dev.fmnist.inference.model.ModelActivator;
import dev.fmnist.inference.model.RegistryClient;
import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.model.RegistryReconciler;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.support.Broker;
import dev.fmnist.inference.support.StandInRegistry;
import dev.fmnist.inference.support.TestConfig;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.testing.SharedTestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follower against the real broker and a stand-in registry on real HTTP, with real model files: the registry
 * decides what serves (within 10 seconds even without any event, even without Kafka), events only make it ask at
 * once, and a forged event changes nothing.
 */
class ModelEventFollowerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration NEVER_BY_ITSELF = Duration.ofMinutes(10);

    @TempDir
    Path cache;

    private StandInRegistry registry;
    private final ServingModelHolder holder = new ServingModelHolder();
    private RegistryFollower follower;
    private ModelEventFollower feed;
    private final TrainedModels.Trained first = TrainedModels.first();
    private final TrainedModels.Trained second = TrainedModels.second();

    @BeforeEach
    void startRegistry() {
        registry = StandInRegistry.start();
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.onStop(null);
        }
        registry.close();
    }

    @Test
    void whatTheRegistryRecordsAsProductionServesWithinTenSecondsWithoutAnyEvent() {
        registry.register(first, ModelStatus.PRODUCTION);
        start(bootstrap(), Duration.ofSeconds(5));

        await().atMost(TEN_SECONDS).until(() -> serving().equals(first.modelId()));

        // a promotion whose event was lost (or published while Kafka was down)
        registry.register(second, ModelStatus.REGISTERED);
        long promoted = System.nanoTime();
        registry.promote(second.modelId());
        await().atMost(TEN_SECONDS).until(() -> serving().equals(second.modelId()));
        System.out.printf(
                "registry promotion without event -> serving after %d ms%n",
                (System.nanoTime() - promoted) / 1_000_000);
        assertThat(follower.lastError()).isNull();
        assertThat(follower.replayed()).isTrue();
    }

    @Test
    void whileKafkaIsUnreachableTheRegistryIsStillFollowed() throws IOException {
        registry.register(first, ModelStatus.PRODUCTION);
        start("localhost:" + closedPort(), Duration.ofSeconds(5));

        await().atMost(TEN_SECONDS).until(() -> serving().equals(first.modelId()));
        registry.register(second, ModelStatus.REGISTERED);
        registry.promote(second.modelId());
        await().atMost(TEN_SECONDS).until(() -> serving().equals(second.modelId()));
        assertThat(follower.replayed())
                .as("not at the end of a topic it cannot read")
                .isFalse();
        assertThat(follower.following()).isTrue();
    }

    @Test
    void aModelEventMakesItAskTheRegistryAtOnce() {
        start(bootstrap(), NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(30)).until(follower::replayed);
        assertThat(holder.current()).isEmpty();

        registry.register(first, ModelStatus.PRODUCTION);
        send(first.event(ModelStatus.PRODUCTION, registry));

        await().atMost(Duration.ofSeconds(5)).until(() -> serving().equals(first.modelId()));
    }

    @Test
    void forgedEventsChangeNothingAndNothingIsFetchedFromWhereTheyPoint() throws IOException {
        AtomicInteger foreignRequests = new AtomicInteger();
        HttpServer foreign = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        foreign.createContext("/", exchange -> {
            foreignRequests.incrementAndGet();
            byte[] bytes = second.bytes();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        foreign.start();
        try {
            registry.register(first, ModelStatus.PRODUCTION);
            start(bootstrap(), NEVER_BY_ITSELF);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> follower.replayed() && serving().equals(first.modelId()));
            ServingModel before = holder.current().orElseThrow();

            // 1. points at another server, with the checksum of the file that server hands out
            String foreignUrl = "http://localhost:" + foreign.getAddress().getPort() + "/models/evil/artifact";
            send(event("evil", ModelStatus.PRODUCTION, second.sha256(), foreignUrl));
            // 2. points at the registry, but the registry does not record that model as production
            registry.register(second, ModelStatus.REGISTERED);
            send(second.event(ModelStatus.PRODUCTION, registry));
            // 3. the registry records a model as production whose file does not match the registry's own checksum;
            //    the event carries the checksum of the file, which must not matter
            registry.register("tampered", 7, "softmax", ModelStatus.PRODUCTION, "ab".repeat(32), second.bytes());
            registry.promote("tampered");
            send(event("tampered", ModelStatus.PRODUCTION, second.sha256(), registry.artifactUrl("tampered")));

            await().atMost(TEN_SECONDS)
                    .until(() -> String.valueOf(follower.lastError()).contains("checksum mismatch"));
            assertThat(holder.current()).containsSame(before);
            assertThat(foreignRequests)
                    .as("nothing was fetched from the forged URL")
                    .hasValue(0);
            assertThat(registry.downloads(second.modelId()))
                    .as("a model the registry does not say is production")
                    .isZero();
            assertThat(follower.lastError())
                    .contains("tampered")
                    .contains("the registry records SHA-256 " + "ab".repeat(32));
        } finally {
            foreign.stop(0);
        }
    }

    @Test
    void whileTheRegistryIsUnreachableTheCurrentModelKeepsServingAndItRecoversByItself() {
        registry.register(first, ModelStatus.PRODUCTION);
        start(bootstrap(), Duration.ofSeconds(1));
        await().atMost(TEN_SECONDS).until(() -> serving().equals(first.modelId()));
        int port =
                Integer.parseInt(registry.baseUrl().substring(registry.baseUrl().lastIndexOf(':') + 1));

        registry.close();
        await().atMost(TEN_SECONDS).until(() -> !follower.registryReachable());
        assertThat(serving()).isEqualTo(first.modelId());
        assertThat(follower.lastError()).contains("cannot be asked");
        assertThat(follower.replayed()).as("readiness stays as it was").isTrue();

        registry = StandInRegistry.start(port);
        registry.register(second, ModelStatus.PRODUCTION);
        await().atMost(TEN_SECONDS).until(() -> serving().equals(second.modelId()));
        assertThat(follower.lastError()).isNull();
    }

    private void start(String bootstrap, Duration reconcileInterval) {
        InferenceConfig config = TestConfig.of(registry.baseUrl(), cache, reconcileInterval);
        RegistryClient client =
                new RegistryClient(config.registry().url(), config.registry().timeout());
        ModelActivator activator = new ModelActivator(
                client,
                new ArtifactStore(
                        cache,
                        config.artifacts().fetchTimeout(),
                        config.artifacts().maxBytes().asLongValue()),
                holder,
                Clock.systemUTC(),
                config.artifacts().maxUnpackedBytes().asLongValue());
        RegistryReconciler reconciler = new RegistryReconciler(
                client, activator, Clock.systemUTC(), config.registry().retryInterval());
        follower = new RegistryFollower(
                reconciler,
                new ArtifactUrlPolicy(List.of(registry.baseUrl())),
                holder,
                config.serviceName(),
                config.registry().reconcileInterval(),
                config.registry().retryInterval(),
                Clock.systemUTC());
        feed = new ModelEventFollower(Map.of("bootstrap.servers", bootstrap), config, follower, null);
        feed.onStart(null);
    }

    private String serving() {
        return holder.current().map(ServingModel::modelId).orElse("none");
    }

    private static String bootstrap() {
        return SharedTestPlatform.get().bootstrapServers();
    }

    private static void send(ModelEvent event) {
        try (Broker broker = new Broker(bootstrap())) {
            broker.sendJson(Topics.MODELS, event.modelId(), event);
        }
    }

    private static ModelEvent event(String modelId, ModelStatus status, String sha256, String url) {
        return new ModelEvent(
                modelId,
                "fashion",
                99,
                "softmax",
                status,
                null,
                Map.of(),
                null,
                null,
                sha256,
                url,
                "forged",
                Instant.now());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
