package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.inference.support.StandInRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follower's decisions without Kafka: which records are refused and why, when the registry is asked (at the first
 * tick, after an accepted event, every interval), and what readiness and liveness report. The registry is a stand-in
 * on real HTTP that records no production model, so nothing is loaded.
 */
class RegistryFollowerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @TempDir
    Path cache;

    private StandInRegistry registry;
    private final MutableClock clock = new MutableClock();
    private RegistryFollower follower;

    @BeforeEach
    void start() {
        registry = StandInRegistry.start();
        RegistryClient client = new RegistryClient(registry.baseUrl(), Duration.ofSeconds(2));
        ServingModelHolder holder = new ServingModelHolder();
        ModelActivator activator = new ModelActivator(
                client, new ArtifactStore(cache, Duration.ofSeconds(5), 1 << 20), holder, clock, 1 << 20);
        RegistryReconciler reconciler = new RegistryReconciler(client, activator, clock, Duration.ofSeconds(10));
        follower = new RegistryFollower(
                reconciler,
                new ArtifactUrlPolicy(List.of(registry.baseUrl())),
                holder,
                "inference-service",
                INTERVAL,
                Duration.ofSeconds(10),
                clock);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theRegistryIsAskedAtTheFirstTickThenOnlyAfterAnEventOrOnceTheIntervalHasPassed() {
        assertThat(follower.tick()).as("first tick").isTrue();
        int asked = registry.questions();
        assertThat(asked).isPositive();

        assertThat(follower.tick()).as("nothing new, interval not over").isFalse();
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(follower.tick()).isFalse();
        assertThat(registry.questions()).isEqualTo(asked);

        assertThat(follower.accept(record("m-1", event("m-1", registry.artifactUrl("m-1")))))
                .as("an event pointing at the registry is accepted")
                .isEmpty();
        assertThat(follower.tick()).as("the event makes it ask at once").isTrue();
        assertThat(registry.questions()).isGreaterThan(asked);
        assertThat(follower.tick()).as("once per event").isFalse();

        clock.advance(INTERVAL);
        assertThat(follower.tick()).as("the interval is over").isTrue();
    }

    @Test
    void anEventPointingOutsideTheRegistryIsRefusedAsUntrustedAndAsksNothing() {
        follower.tick();
        int asked = registry.questions();
        String foreign = "http://localhost:1/models/evil/artifact";

        Optional<Rejection> refused = follower.accept(record("evil", event("evil", foreign)));

        assertThat(refused).hasValueSatisfying(rejection -> {
            assertThat(rejection.topic()).isEqualTo(Topics.MODELS);
            assertThat(rejection.key()).isEqualTo("evil");
            assertThat(rejection.service()).isEqualTo("inference-service");
            assertThat(rejection.reason())
                    .startsWith(RegistryFollower.UNTRUSTED_ARTIFACT + ": ")
                    .contains(foreign)
                    .contains(registry.baseUrl())
                    .endsWith("refused, nothing fetched");
        });
        assertThat(follower.tick()).as("a refused event is no reason to ask").isFalse();
        assertThat(registry.questions()).isEqualTo(asked);
    }

    @Test
    void aRecordThatIsNoModelEventIsRefusedWithItsRule() {
        Optional<Rejection> notJson = follower.accept(new RegistryFollower.EventRecord(
                Topics.MODELS, 0, 7, "k", "this is not JSON".getBytes(StandardCharsets.UTF_8)));
        Optional<Rejection> empty = follower.accept(new RegistryFollower.EventRecord(Topics.MODELS, 0, 8, "k", null));

        assertThat(notJson).hasValueSatisfying(r -> {
            assertThat(r.reason()).startsWith("invalid-json:");
            assertThat(r.payload()).isEqualTo("this is not JSON");
        });
        assertThat(empty).isPresent();
    }

    @Test
    void readyOnlyAtTheEndOfTheTopicAndOnceTheRegistryWasAsked() {
        assertThat(follower.replayed()).isFalse();
        assertThat(follower.noModelReason()).isEqualTo("no-model: the model registry is still being read");
        follower.tick();
        assertThat(follower.replayed())
                .as("asked, but not at the end of the topic")
                .isFalse();

        follower.atEnd();

        assertThat(follower.replayed()).isTrue();
        assertThat(follower.registryReachable()).isTrue();
        assertThat(follower.lastError()).isNull();
        assertThat(follower.noModelReason()).isEqualTo("no-model: no model is in production yet");
    }

    @Test
    void anUnreachableRegistryKeepsReadinessAndIsReported() {
        follower.atEnd();
        registry.close();

        follower.tick();

        assertThat(follower.replayed()).as("asked, whatever it answered").isTrue();
        assertThat(follower.registryReachable()).isFalse();
        assertThat(follower.lastError()).contains("cannot be asked");
        assertThat(follower.noModelReason()).startsWith("no-model: the production model cannot be loaded: ");
    }

    @Test
    void livenessFollowsTheFeedAndAStopForGoodIsTheLastError() {
        assertThat(follower.following()).as("before the feed starts").isFalse();
        follower.started();
        assertThat(follower.following()).isTrue();

        follower.stopped("java.lang.IllegalStateException: broken");

        assertThat(follower.following()).isFalse();
        assertThat(follower.lastError())
                .isEqualTo("registry follower stopped: java.lang.IllegalStateException: broken");
    }

    private static RegistryFollower.EventRecord record(String key, ModelEvent event) {
        return new RegistryFollower.EventRecord(Topics.MODELS, 0, 0, key, JsonCodec.toBytes(event));
    }

    private static ModelEvent event(String modelId, String artifactUrl) {
        return new ModelEvent(
                modelId,
                "fashion",
                1,
                "mlp",
                ModelStatus.PRODUCTION,
                ModelStatus.REGISTERED,
                Map.of(),
                null,
                null,
                "ab".repeat(32),
                artifactUrl,
                "test",
                Instant.now());
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
