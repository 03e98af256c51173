package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ingest.TopicProbe;
import dev.fmnist.ingest.source.ChecksumPolicy;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.ingest.source.IdxReader;
import dev.fmnist.ingest.source.SplitData;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The service end to end: REST in, real Kafka and PostgreSQL behind, the real-image fixture as data. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DatasetResourceTest {

    /** SHA-256 of the decompressed fixture files (see the fixture's README). */
    static final Map<String, String> FIXTURE_SUMS = Map.of(
            "train-images-idx3-ubyte", "255e4ee5030c1b3f2a0487f20aef011c00dd85e812ddd30dddf3d68b3943af7a",
            "train-labels-idx1-ubyte", "493780981a45d260a4fb83486cce245889abff22d54e2fe246a1fcffc99c1ba1",
            "t10k-images-idx3-ubyte", "8fdf02ada67d92f4db5ba3c2f6c5b1cc6186ba6e0efd4914661e4389e103b81e",
            "t10k-labels-idx1-ubyte", "9c71808b3a0ebfc091442c0009a7aa35be2d9622bf6aaf6891ce9a0088e96c07");

    @Test
    void ingestsTheFixtureWithStableIdsAndAnnouncesItOnceIdempotently() {
        String id = ingest(
                        Map.of(
                                "path",
                                Fixtures.fashionMnistMini().toString(),
                                "name",
                                "mini",
                                "expectedSha256",
                                FIXTURE_SUMS),
                        201)
                .body("result", equalTo("PUBLISHED"))
                .body("published", equalTo(2100))
                .body("dataset.status", equalTo("READY"))
                .body("dataset.splits.count", equalTo(List.of(1600, 500)))
                .body("dataset.files.verified", equalTo(List.of(true, true, true, true)))
                .extract()
                .path("dataset.id");
        assertThat(id).startsWith("mini-");

        // the train split: 1,600 records, ids mini/train/00000..01599, each the fixture image with its label
        SplitData train = new IdxReader(ChecksumPolicy.none())
                .read(Fixtures.fashionMnistMini())
                .split("train")
                .orElseThrow();
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readAll("fmnist.datasets.mini.train");
        assertThat(records).hasSize(1600);
        Map<String, InputImage> byId = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> JsonCodec.fromBytes(r.value(), InputImage.class)));
        assertThat(byId.keySet())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 1600)
                        .mapToObj(i -> String.format("mini/train/%05d", i))
                        .toList());
        InputImage image42 = byId.get("mini/train/00042");
        assertThat(image42.id()).isEqualTo("mini/train/00042");
        assertThat(image42.label()).isEqualTo(train.label(42));
        assertThat(Base64.getDecoder().decode(image42.pixels())).isEqualTo(train.pixels(42));
        assertThat(TopicProbe.readAll("fmnist.datasets.mini.test")).hasSize(500);

        // announced once, after the data, with counts and class distribution
        List<DatasetReady> ready = announcements(id);
        assertThat(ready).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("mini");
            assertThat(r.format()).isEqualTo("idx");
            assertThat(r.splits())
                    .extracting(s -> s.split(), s -> s.topic(), s -> s.count())
                    .containsExactly(
                            tuple("train", "fmnist.datasets.mini.train", 1600L),
                            tuple("test", "fmnist.datasets.mini.test", 500L));
            assertThat(r.splits().get(0).classCounts()).containsOnly(160L);
        });

        // the catalog: class distribution per split
        given().get("/datasets/" + id)
                .then()
                .statusCode(200)
                .body("splits[1].classDistribution.count", equalTo(List.of(50, 50, 50, 50, 50, 50, 50, 50, 50, 50)))
                .body("splits[1].classDistribution[9].className", equalTo("Ankle boot"));
        given().get("/datasets/mini").then().statusCode(200).body("id", equalTo(id));
        given().get("/datasets").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));

        // the same content again: nothing published, same id, no second announcement
        long before = TopicProbe.endOffsets("fmnist.datasets.mini.train");
        ingest(Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "mini"), 200)
                .body("result", equalTo("UNCHANGED"))
                .body("published", equalTo(0))
                .body("dataset.id", equalTo(id));
        assertThat(TopicProbe.endOffsets("fmnist.datasets.mini.train")).isEqualTo(before);
        assertThat(announcements(id)).hasSize(1);

        // forced: published again under the same ids, the topic still holds each id (compaction keeps the last)
        ingest(Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "mini", "force", true), 201)
                .body("dataset.id", equalTo(id));
        assertThat(TopicProbe.readAll("fmnist.datasets.mini.train").stream()
                        .map(ConsumerRecord::key)
                        .distinct())
                .hasSize(1600);
        assertThat(announcements(id)).hasSize(2);
    }

    @Test
    void theFixtureIsRefusedUnderTheOfficialName() {
        ingest(Map.of("path", Fixtures.fashionMnistMini().toString()), 422)
                .body(
                        "reason",
                        startsWith("checksum mismatch: train-images-idx3-ubyte has SHA-256 "
                                + FIXTURE_SUMS.get("train-images-idx3-ubyte")));
        given().get("/datasets/fashion-mnist").then().statusCode(404);
    }

    @Test
    void aFlippedByteIsRefusedByChecksumAndNothingIsPublished(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        for (String name : Fixtures.FASHION_MNIST_FILES) {
            Files.copy(Fixtures.fashionMnistMini().resolve(name), temp.resolve(name));
        }
        byte[] labels = new java.util.zip.GZIPInputStream(
                        Files.newInputStream(temp.resolve("t10k-labels-idx1-ubyte.gz")))
                .readAllBytes();
        labels[8 + 100] = (byte) ((labels[8 + 100] + 1) % 10);
        try (var out =
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(temp.resolve("t10k-labels-idx1-ubyte.gz")))) {
            out.write(labels);
        }

        ingest(Map.of("path", temp.toString(), "name", "flipped", "expectedSha256", FIXTURE_SUMS), 422)
                .body("reason", startsWith("checksum mismatch: t10k-labels-idx1-ubyte"));
        given().get("/datasets/flipped").then().statusCode(404);
    }

    @Test
    void aCsvWithBadRowsPublishesTheGoodOnesAndRejectsTheBadOnesWithReasons(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        Path csv = CsvFixture.withBadRows(temp.resolve("upload.csv"), 40);

        String id = ingest(Map.of("kind", "csv", "path", csv.toString(), "name", "csv-upload", "split", "test"), 201)
                .body("published", equalTo(37))
                .body("rejected", equalTo(3))
                .body("dataset.splits[0].split", equalTo("test"))
                .body("dataset.splits[0].rejected", equalTo(3))
                .extract()
                .path("dataset.id");

        List<String> ids = TopicProbe.readAll("fmnist.datasets.csv-upload.test").stream()
                .map(ConsumerRecord::key)
                .toList();
        assertThat(ids)
                .hasSize(37)
                .doesNotContain("csv-upload/test/00003", "csv-upload/test/00007", "csv-upload/test/00012")
                .contains("csv-upload/test/00039");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(rejections("csv-upload/"))
                        .extracting(Rejection::key, Rejection::reason)
                        .containsExactlyInAnyOrder(
                                tuple(
                                        "csv-upload/test/00003",
                                        "invalid-pixels: row 3 (line 5) has 783 pixel values; a label and 784 are required"),
                                tuple(
                                        "csv-upload/test/00007",
                                        "invalid-pixels: row 7 (line 9): pixel300 is '300', grey levels must be integers 0..255"),
                                tuple(
                                        "csv-upload/test/00012",
                                        "invalid-label: row 12 (line 14): label '11' must be an integer 0..9")));
        assertThat(rejections("csv-upload/")).allSatisfy(r -> {
            assertThat(r.service()).isEqualTo("ingest-service");
            assertThat(r.topic()).isEqualTo(csv.toAbsolutePath().toString());
            assertThat(r.payload()).hasSize(1024);
        });
        assertThat(announcements(id))
                .singleElement()
                .satisfies(r -> assertThat(r.splits().get(0).rejected()).isEqualTo(3));
    }

    @Test
    void aCsvWith783PixelColumnsIsRefusedAsAWhole(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
        Path csv = temp.resolve("short.csv");
        Files.write(csv, List.of(CsvFixture.header(783), CsvFixture.row(0)));

        ingest(Map.of("kind", "csv", "path", csv.toString(), "name", "short"), 422)
                .body("reason", containsString("the header has 784 columns (783 pixel columns)"));
    }

    @Test
    void replayPublishesTheSplitWithLabelsAndDatasetIdsToTheInputTopic() {
        String id = ingest(
                        Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "replayed", "verify", false),
                        201)
                .extract()
                .path("dataset.id");

        String replayId = given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("split", "test", "limit", 120, "rate", 2000))
                .post("/datasets/" + id + "/replay")
                .then()
                .statusCode(202)
                .body("status", equalTo("RUNNING"))
                .body("targetTopic", equalTo(Topics.IMAGES_INPUT))
                .extract()
                .path("id");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/datasets/" + id + "/replays/" + replayId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DONE"))
                        .body("published", equalTo(120)));

        // a slow replay keeps its rate: 30 images at 60 img/s take at least half a second
        String slowId = given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("split", "train", "limit", 30, "rate", 60))
                .post("/datasets/replayed/replay")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/datasets/replayed/replays/" + slowId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DONE"))
                        .body("published", equalTo(30)));
        Map<String, String> slow = given().get("/datasets/replayed/replays/" + slowId)
                .then()
                .extract()
                .jsonPath()
                .getMap("");
        assertThat(Duration.between(
                        java.time.Instant.parse(slow.get("startedAt")),
                        java.time.Instant.parse(slow.get("finishedAt"))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(480));
        assertThat(TopicProbe.readAll(Topics.IMAGES_INPUT).stream()
                        .map(ConsumerRecord::key)
                        .filter(k -> k.startsWith("replayed/train/")))
                .hasSize(30)
                .contains("replayed/train/00000", "replayed/train/00029");

        SplitData test = new IdxReader(ChecksumPolicy.none())
                .read(Fixtures.fashionMnistMini())
                .split("test")
                .orElseThrow();
        List<InputImage> replayed = TopicProbe.readAll(Topics.IMAGES_INPUT).stream()
                .filter(r -> r.key().startsWith("replayed/test/"))
                .map(r -> JsonCodec.fromBytes(r.value(), InputImage.class))
                .toList();
        assertThat(replayed)
                .extracting(InputImage::id)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 120)
                        .mapToObj(i -> String.format("replayed/test/%05d", i))
                        .toList());
        assertThat(replayed).allSatisfy(image -> {
            int index = Integer.parseInt(image.id().substring(image.id().lastIndexOf('/') + 1));
            assertThat(image.label()).isEqualTo(test.label(index));
            assertThat(Base64.getDecoder().decode(image.pixels())).isEqualTo(test.pixels(index));
        });
    }

    @Test
    void badRequestsGetA4xxWithAReason() {
        ingest(Map.of("path", System.getProperty("java.io.tmpdir") + "/no/such/folder", "name", "x"), 400)
                .body("reason", containsString("/no/such/folder"));
        ingest(Map.of("kind", "tiff", "path", "/tmp"), 400)
                .body("reason", equalTo("unknown source kind 'tiff'; use idx, csv or png"));
        ingest(Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "bad.name"), 400)
                .body("reason", containsString("dataset name 'bad.name' is not valid"));
        given().get("/datasets/nope")
                .then()
                .statusCode(404)
                .body("reason", equalTo("no dataset with id or name 'nope'"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("split", "test"))
                .post("/datasets/nope/replay")
                .then()
                .statusCode(404);

        String id = ingest(
                        Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "for-errors", "verify", false),
                        201)
                .extract()
                .path("dataset.id");
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("split", "validation"))
                .post("/datasets/" + id + "/replay")
                .then()
                .statusCode(400)
                .body("reason", equalTo("unknown split 'validation'; dataset " + id + " has train, test"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("split", "test", "rate", -5))
                .post("/datasets/" + id + "/replay")
                .then()
                .statusCode(400)
                .body("reason", containsString("rate must be >= 0"));
        // the same name with other content is a conflict unless forced
        Map<String, Object> other = new HashMap<>(
                Map.of("path", Fixtures.fashionMnistMini().toString(), "name", "for-errors", "verify", false));
        other.put("path", CsvFixtureFolder.single());
        other.put("kind", "csv");
        ingest(other, 409).body("reason", containsString("already holds other content (" + id + ")"));
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

    private static List<DatasetReady> announcements(String datasetId) {
        return TopicProbe.readAll(Topics.DATASETS).stream()
                .filter(r -> datasetId.equals(r.key()))
                .map(r -> JsonCodec.fromBytes(r.value(), DatasetReady.class))
                .toList();
    }

    private static List<Rejection> rejections(String keyPrefix) {
        return TopicProbe.readAll(Topics.REJECTED).stream()
                .filter(r -> r.key() != null && r.key().startsWith(keyPrefix))
                .map(r -> JsonCodec.fromBytes(r.value(), Rejection.class))
                .toList();
    }

    /** A one-row CSV in a temporary folder. */
    static final class CsvFixtureFolder {
        static String single() {
            try {
                Path file = Files.createTempFile("one-row", ".csv");
                file.toFile().deleteOnExit();
                Files.write(file, List.of(CsvFixture.header(784), CsvFixture.row(0)));
                return file.toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
