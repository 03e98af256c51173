package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.InMemoryChannels;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.testing.InMemoryKafka;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast tier of {@link ModelEventConsumer}: model events handed over by the in-memory connector (no broker), the
 * registry entries in the real PostgreSQL and {@code GET /api/models}, refusals read from the in-memory channel.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(InMemoryChannels.class)
class ModelEventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void aValidEventIsStoredAndAnOlderOneArrivingLateChangesNothing() {
        String model = "mem-model-" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(30);
        send(model, JsonCodec.toBytes(ModelEvents.event(model, "mem-net", ModelStatus.REGISTERED, null, 0.5, t0)));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(entry(model))
                        .containsEntry("status", "REGISTERED")
                        .containsEntry("name", "mem-net"));
        send(
                model,
                JsonCodec.toBytes(
                        ModelEvents.event(model, "mem-net", ModelStatus.ARCHIVED, null, 0.5, t0.plusSeconds(20))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(entry(model)).containsEntry("status", "ARCHIVED"));

        // an older event arrives late, then a poison record: once that is refused, the late event was handled
        send(
                model,
                JsonCodec.toBytes(
                        ModelEvents.event(model, "mem-net", ModelStatus.PRODUCTION, null, 0.5, t0.plusSeconds(10))));
        String poisonKey = model + "-poison";
        send(poisonKey, ("{\"modelId\": \"" + model + "\", \"status\": \"SOLD\"").getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(rejections(poisonKey)).containsKey(poisonKey));
        assertThat(entry(model)).containsEntry("status", "ARCHIVED");
    }

    @Test
    void hostileRecordsEndOnTheRejectedChannelWithTheirRule() {
        String prefix = "mem-model-key-" + UUID.randomUUID() + "-";
        send(prefix + "json", "this is not JSON".getBytes(StandardCharsets.UTF_8));
        send(
                prefix + "status",
                "{\"modelId\": \"m\", \"name\": \"x\", \"version\": 1}".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() -> assertThat(rejections(prefix)).hasSize(2));
        Map<String, Rejection> byKey = rejections(prefix);
        assertThat(byKey.get(prefix + "json").reason()).startsWith("invalid-json:");
        assertThat(byKey.get(prefix + "json").payload()).isEqualTo("this is not JSON");
        assertThat(byKey.get(prefix + "status").reason()).contains("status");
        assertThat(byKey.values()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.MODELS);
            assertThat(r.service()).isEqualTo("evaluation-service");
        });
    }

    private void send(String key, byte[] value) {
        connector
                .source(Channels.MODELS)
                .send(InMemoryKafka.record(Topics.MODELS, OFFSETS.incrementAndGet(), key, value));
    }

    private Map<String, Rejection> rejections(String keyPrefix) {
        InMemorySink<Rejection> sink = connector.sink(Channels.REJECTED);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(r -> r.key() != null && r.key().startsWith(keyPrefix))
                .collect(java.util.stream.Collectors.toMap(Rejection::key, r -> r, (a, b) -> a));
    }

    private static Map<String, Object> entry(String model) {
        List<Map<String, Object>> all = given().get("/api/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(m -> model.equals(m.get("modelId")))
                .findFirst()
                .orElse(Map.of());
    }
}
