package dev.fmnist.ingest.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The fast tier of {@link DatasetEvents}: what an ingest emits on {@code fmnist.datasets} and {@code fmnist.rejected},
 * read from the in-memory channels with the Kafka key each message carries (the split topics and PostgreSQL stay
 * real).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(InMemoryChannels.class)
class DatasetEventsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void aPublishedDatasetIsAnnouncedOnceKeyedByItsIdAndTheSameContentAgainIsNot() {
        String id = ingest(Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "mem", "verify", false), 201)
                .extract()
                .path("dataset.id");

        assertThat(announcements(id)).singleElement().satisfies(ready -> {
            assertThat(ready.name()).isEqualTo("mem");
            assertThat(ready.splits())
                    .extracting(s -> s.split(), s -> s.count())
                    .containsExactly(tuple("train", 1600L), tuple("test", 500L));
        });

        ingest(Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "mem", "verify", false), 200);
        assertThat(announcements(id)).hasSize(1);
    }

    @Test
    void refusedRowsGoToTheRejectedChannelKeyedByTheIdsTheyWouldHaveHad(@TempDir Path temp) throws IOException {
        Path csv = CsvFixture.withBadRows(temp.resolve("mem.csv"), 20);

        String id = ingest(Map.of("kind", "csv", "path", csv.toString(), "name", "mem-csv", "split", "test"), 201)
                .extract()
                .path("dataset.id");

        List<Message<Rejection>> rejected = connector.<Rejection>sink(DatasetEvents.REJECTED_OUT).received().stream()
                .filter(m -> m.getPayload().key().startsWith("mem-csv/"))
                .map(m -> (Message<Rejection>) m)
                .toList();
        assertThat(rejected)
                .extracting(DatasetEventsTest::key, m -> m.getPayload().key(), m -> rule(m.getPayload()))
                .containsExactlyInAnyOrder(
                        tuple("mem-csv/test/00003", "mem-csv/test/00003", "invalid-pixels"),
                        tuple("mem-csv/test/00007", "mem-csv/test/00007", "invalid-pixels"),
                        tuple("mem-csv/test/00012", "mem-csv/test/00012", "invalid-label"));
        assertThat(rejected).allSatisfy(m -> {
            assertThat(m.getPayload().service()).isEqualTo("ingest-service");
            assertThat(m.getPayload().topic()).isEqualTo(csv.toAbsolutePath().toString());
        });
        assertThat(announcements(id))
                .singleElement()
                .satisfies(ready -> assertThat(ready.splits().get(0).rejected()).isEqualTo(3));
    }

    private List<DatasetReady> announcements(String datasetId) {
        return connector.<DatasetReady>sink(DatasetEvents.DATASETS_OUT).received().stream()
                .filter(m -> datasetId.equals(key(m)))
                .map(Message::getPayload)
                .toList();
    }

    private static String key(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(m -> (String) m.getKey())
                .orElse(null);
    }

    private static String rule(Rejection rejection) {
        return rejection.reason().substring(0, rejection.reason().indexOf(':'));
    }

    private static ValidatableResponse ingest(Map<String, ?> body, int status) {
        return given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/datasets")
                .then()
                .statusCode(status);
    }
}
