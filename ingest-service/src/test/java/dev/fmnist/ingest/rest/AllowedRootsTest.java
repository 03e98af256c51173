package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ingest.TopicProbe;
import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.ingest.source.PngFixture;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Ingest reads only under {@code fmnist.ingest.allowed-roots}, the official name's checksums cannot be switched off,
 * and a PNG folder's hostile images are row rejections; on the platform's real Kafka broker and PostgreSQL. The
 * profile allows one fresh folder only, so every other temporary folder (the fixture's among them) is outside.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(AllowedRootsTest.OneRoot.class)
class AllowedRootsTest {

    /** One allowed root, a fresh temporary folder; a small image size limit. */
    public static class OneRoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("fmnist-allowed-root-");
                root.toFile().deleteOnExit();
                return Map.of("fmnist.ingest.allowed-roots", root.toString(), "fmnist.ingest.png.max-file-size", "64K");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    IngestConfig config;

    Path root;
    /** A folder of real, ingestible IDX files outside the root. */
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(
                config.allowedRoots().get(0).resolve(UUID.randomUUID().toString()));
        outside = Fixtures.fashionMnistMini();
        assertThat(outside.toRealPath().startsWith(config.allowedRoots().get(0).toRealPath()))
                .isFalse();
    }

    @Test
    void aForbiddenPathGetsTheSameAnswerWhetherItExistsOrNot() {
        String existing = ingest(Map.of("path", outside.toString(), "name", "outside", "verify", false))
                .statusCode(403)
                .extract()
                .asString();
        String missing = ingest(Map.of(
                        "path", outside.resolve("no-such-folder").toString(), "name", "outside", "verify", false))
                .statusCode(403)
                .extract()
                .asString();
        String missingFolder = ingest(Map.of("path", "/no/such/folder", "name", "outside", "verify", false))
                .statusCode(403)
                .extract()
                .asString();
        String existingCsv = ingest(Map.of(
                        "kind",
                        "csv",
                        "path",
                        outside.resolve("train-images-idx3-ubyte.gz").toString(),
                        "name",
                        "outside"))
                .statusCode(403)
                .extract()
                .asString();

        assertThat(existing)
                .isEqualTo(missing)
                .isEqualTo(missingFolder)
                .isEqualTo(existingCsv)
                .doesNotContain(outside.toString(), "no-such-folder");
        ingest(Map.of("path", outside.toString(), "name", "outside", "verify", false))
                .statusCode(403)
                .body("status", equalTo(403))
                .body("error", equalTo("Forbidden"))
                .body("rule", equalTo("forbidden-path"))
                .body("reason", startsWith("forbidden-path: the path is not inside a folder ingest may read"));
        given().get("/datasets/outside").then().statusCode(404);
    }

    @Test
    void dotDotAndSymbolicLinkEscapesAreRefused() throws IOException {
        String viaDotDot = root + "/../../" + outside.getFileName();
        assertThat(Path.of(viaDotDot).toRealPath()).isEqualTo(outside.toRealPath());
        ingest(Map.of("path", viaDotDot, "name", "escaped", "verify", false))
                .statusCode(403)
                .body("rule", equalTo("forbidden-path"));

        Path linkedFolder = Files.createSymbolicLink(root.resolve("linked"), outside);
        ingest(Map.of("path", linkedFolder.toString(), "name", "escaped", "verify", false))
                .statusCode(403)
                .body("rule", equalTo("forbidden-path"));
        ingest(Map.of("path", linkedFolder + "/../" + root.getFileName(), "name", "escaped", "verify", false))
                .statusCode(403);

        // a folder inside the root whose files link out: refused as well, nothing read from outside
        Path mixed = Files.createDirectories(root.resolve("mixed"));
        for (String name : Fixtures.FASHION_MNIST_FILES) {
            Files.createSymbolicLink(mixed.resolve(name), outside.resolve(name));
        }
        ingest(Map.of("path", mixed.toString(), "name", "escaped", "verify", false))
                .statusCode(403)
                .body("reason", containsString("leads outside the folders ingest may read"))
                .body("reason", org.hamcrest.Matchers.not(containsString(outside.toString())));
        given().get("/datasets/escaped").then().statusCode(404);
    }

    @Test
    void aPathInsideTheRootIngestsAndAMissingOneKeepsItsError() throws IOException {
        Path mini = copyFixture("mini");
        ingest(Map.of("path", mini.toString(), "name", "rooted", "verify", false))
                .statusCode(201)
                .body("result", equalTo("PUBLISHED"))
                .body("published", equalTo(2100));
        assertThat(TopicProbe.endOffsets("fmnist.datasets.rooted.test")).isEqualTo(Fixtures.MINI_TEST_COUNT);
        // a link that stays inside the root is fine
        Path alias = Files.createSymbolicLink(root.resolve("alias"), mini);
        ingest(Map.of("path", alias.toString(), "name", "rooted"))
                .statusCode(200)
                .body("result", equalTo("UNCHANGED"));

        ingest(Map.of("path", root.resolve("not-yet").toString(), "name", "later"))
                .statusCode(400)
                .body("reason", containsString("no such folder"));
    }

    @Test
    void theOfficialNameCannotHaveItsChecksumsSwitchedOff() throws IOException {
        Path mini = copyFixture("not-official");
        // no name = the official name
        ingest(Map.of("path", mini.toString(), "verify", false))
                .statusCode(422)
                .body(
                        "reason",
                        startsWith("official-checksums: checksums cannot be turned off for the official"
                                + " dataset name 'fashion-mnist'"));
        ingest(Map.of(
                        "path",
                        mini.toString(),
                        "name",
                        "fashion-mnist",
                        "expectedSha256",
                        DatasetResourceTest.FIXTURE_SUMS))
                .statusCode(422)
                .body(
                        "reason",
                        startsWith("official-checksums: expectedSha256 cannot override the official" + " checksums"));
        ingest(Map.of(
                        "kind",
                        "csv",
                        "path",
                        CsvFixture.withBadRows(root.resolve("official.csv"), 20).toString(),
                        "name",
                        "Fashion-MNIST",
                        "verify",
                        false))
                .statusCode(422)
                .body("reason", startsWith("official-checksums: "));
        given().get("/datasets/fashion-mnist").then().statusCode(404);
        given().get("/datasets/Fashion-MNIST").then().statusCode(404);

        // the same data under another name, unverified, is fine
        ingest(Map.of("path", mini.toString(), "name", "modified-copy", "verify", false))
                .statusCode(201);
    }

    @Test
    void aPngFolderRejectsAHugeHeaderAndAnOversizedFileAndIngestsTheRest() throws IOException {
        Path folder = root.resolve("png");
        Files.write(
                Files.createDirectories(folder.resolve("0")).resolve("shirt.png"),
                GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(0)));
        Path sneakers = Files.createDirectories(folder.resolve("7"));
        Files.write(sneakers.resolve("a-bomb.png"), PngFixture.declaring(20_000, 20_000));
        Files.write(sneakers.resolve("b-big.png"), noisePng(256));
        assertThat(Files.size(sneakers.resolve("b-big.png"))).isGreaterThan(64 * 1024);
        Files.write(sneakers.resolve("c-sneaker.png"), GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(1)));

        ingest(Map.of("kind", "png", "path", folder.toString(), "name", "png-hostile"))
                .statusCode(201)
                .body("published", equalTo(2))
                .body("rejected", equalTo(2));

        List<String> ids = TopicProbe.readAll(Topics.datasetSplit("png-hostile", "train")).stream()
                .map(ConsumerRecord::key)
                .toList();
        assertThat(ids).containsExactlyInAnyOrder("png-hostile/train/00000", "png-hostile/train/00003");
        await().atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(TopicProbe.readAll(Topics.REJECTED).stream()
                                .filter(r -> r.key() != null && r.key().startsWith("png-hostile/"))
                                .map(r -> JsonCodec.fromBytes(r.value(), Rejection.class)))
                        .extracting(
                                Rejection::key,
                                r -> r.reason().substring(0, r.reason().indexOf(": ", 13)))
                        .containsExactlyInAnyOrder(
                                tuple("png-hostile/train/00001", "invalid-png: 7/a-bomb.png"),
                                tuple("png-hostile/train/00002", "invalid-png: 7/b-big.png")));
        assertThat(TopicProbe.readAll(Topics.REJECTED).stream()
                        .filter(r -> "png-hostile/train/00001".equals(r.key()))
                        .map(r ->
                                JsonCodec.fromBytes(r.value(), Rejection.class).reason()))
                .singleElement()
                .asString()
                .contains("20000x20000", "4096");
        // the service is still healthy after it
        given().get("/q/health/live").then().statusCode(200);
    }

    /** The one place requests are sent: it carries the operator token mutations need. */
    private static ValidatableResponse ingest(Map<String, ?> body) {
        return given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(new HashMap<>(body))
                .post("/datasets")
                .then();
    }

    private Path copyFixture(String name) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        for (String file : Fixtures.FASHION_MNIST_FILES) {
            Files.copy(outside.resolve(file), folder.resolve(file));
        }
        return folder;
    }

    /** @return an RGB PNG of random noise (does not compress: about 3 bytes a pixel) */
    private static byte[] noisePng(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
