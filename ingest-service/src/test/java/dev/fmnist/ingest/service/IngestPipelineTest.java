package dev.fmnist.ingest.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.contracts.api.ingest.ReplayState;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.source.ChecksumPolicy;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.ingest.source.IdxReader;
import dev.fmnist.ingest.source.SourceKind;
import dev.fmnist.ingest.source.SplitData;
import dev.fmnist.testing.Fixtures;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The ingest and replay pipeline through its ports, without Kafka or PostgreSQL: what is published where and in
 * which order, when a dataset is ready, what is refused. The data is the real-image fixture.
 */
class IngestPipelineTest {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final FakeKafka kafka = new FakeKafka(events);
    private final InMemoryDatasetStore store = new InMemoryDatasetStore(events);
    private final IngestConfig config = config(Map.of());
    private final DatasetIngestor ingestor = new DatasetIngestor(config, store, kafka, kafka, kafka);
    private final ReplayService replays = new ReplayService(store, kafka, kafka, config);

    @AfterEach
    void stopReplays() {
        replays.stop();
    }

    @Test
    void publishesEverySplitThenMarksReadyThenAnnouncesOnceAndTheSameContentAgainIsANoOp() {
        IngestOutcome outcome = ingestor.ingest(mini("mini", false));

        assertThat(outcome.result()).isEqualTo(IngestResponse.Result.PUBLISHED);
        assertThat(outcome.published()).isEqualTo(2100);
        String id = outcome.dataset().id();
        assertThat(id).startsWith("mini-").hasSize("mini-".length() + 12);
        assertThat(outcome.dataset().status()).isEqualTo(DatasetStatus.READY);
        assertThat(events)
                .containsExactly(
                        "publishing " + id,
                        "prepare [fmnist.datasets.mini.train, fmnist.datasets.mini.test]",
                        "publish fmnist.datasets.mini.train 1600",
                        "publish fmnist.datasets.mini.test 500",
                        "reject 0",
                        "ready " + id,
                        "announce " + id);

        // stable ids in source order, each the fixture's image with its label
        SplitData train = new IdxReader(ChecksumPolicy.none())
                .read(Fixtures.fashionMnistMini())
                .split("train")
                .orElseThrow();
        List<ProducerRecord<String, byte[]>> records = kafka.records("fmnist.datasets.mini.train");
        assertThat(records)
                .extracting(ProducerRecord::key)
                .containsExactlyElementsOf(IntStream.range(0, 1600)
                        .mapToObj(i -> String.format("mini/train/%05d", i))
                        .toList());
        InputImage image42 = JsonCodec.fromBytes(records.get(42).value(), InputImage.class);
        assertThat(image42.label()).isEqualTo(train.label(42));
        assertThat(Base64.getDecoder().decode(image42.pixels())).isEqualTo(train.pixels(42));

        DatasetReady ready = kafka.announced.get(0);
        assertThat(ready.datasetId()).isEqualTo(id);
        assertThat(ready.format()).isEqualTo("idx");
        assertThat(ready.splits())
                .extracting(s -> s.split(), s -> s.topic(), s -> s.count())
                .containsExactly(
                        tuple("train", "fmnist.datasets.mini.train", 1600L),
                        tuple("test", "fmnist.datasets.mini.test", 500L));
        assertThat(ready.splits().get(1).classCounts()).containsOnly(50L);

        // the same content again: nothing published, nothing announced
        IngestOutcome again = ingestor.ingest(mini("mini", false));
        assertThat(again.result()).isEqualTo(IngestResponse.Result.UNCHANGED);
        assertThat(again.published()).isZero();
        assertThat(again.dataset().id()).isEqualTo(id);
        assertThat(kafka.records("fmnist.datasets.mini.train")).hasSize(1600);
        assertThat(kafka.announced).hasSize(1);

        // forced: published and announced again under the same ids
        IngestOutcome forced = ingestor.ingest(mini("mini", true));
        assertThat(forced.result()).isEqualTo(IngestResponse.Result.PUBLISHED);
        assertThat(kafka.readAll("fmnist.datasets.mini.train")).hasSize(1600);
        assertThat(kafka.announced).extracting(DatasetReady::datasetId).containsExactly(id, id);
    }

    @Test
    void otherContentUnderAReadyNameIsRefusedUnlessForcedAndThenSupersedesIt(@TempDir Path temp) throws IOException {
        String first = ingestor.ingest(mini("shared", false)).dataset().id();
        IngestRequest csv = new IngestRequest(
                SourceKind.CSV,
                CsvFixture.withBadRows(temp.resolve("shared.csv"), 20).toString(),
                "shared",
                "test",
                false,
                false,
                Map.of());

        assertThatThrownBy(() -> ingestor.ingest(csv))
                .isInstanceOf(DatasetConflictException.class)
                .hasMessageContaining("already holds other content (" + first + ")");
        assertThat(kafka.announced).hasSize(1);

        IngestRequest forced = new IngestRequest(
                csv.kind(), csv.path(), csv.name(), csv.split(), true, csv.verify(), csv.expectedSha256());
        String second = ingestor.ingest(forced).dataset().id();
        assertThat(store.find(first).orElseThrow().status()).isEqualTo(DatasetStatus.SUPERSEDED);
        assertThat(store.findReadyByName("shared").orElseThrow().id()).isEqualTo(second);
        assertThat(replays.dataset("shared").id()).isEqualTo(second);
        assertThatThrownBy(() -> replays.start(first, new ReplayRequest("test", null, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("dataset " + first + " is SUPERSEDED (its topics now hold the name's newer content);"
                        + " only a ready dataset can be replayed");
    }

    @Test
    void aFailedPublicationMarksTheDatasetFailedAndAnnouncesNothing() {
        kafka.failAfter = 100;

        assertThatThrownBy(() -> ingestor.ingest(mini("broken", false)))
                .isInstanceOf(PublishException.class)
                .hasMessage("broker gone after 100 records");

        DatasetEntry entry = store.list().get(0);
        assertThat(entry.status()).isEqualTo(DatasetStatus.FAILED);
        assertThat(entry.error()).isEqualTo("broker gone after 100 records");
        assertThat(kafka.announced).isEmpty();
        assertThat(events).last().isEqualTo("failed " + entry.id());

        // a later ingest retries and succeeds
        kafka.failAfter = -1;
        IngestOutcome retried = ingestor.ingest(mini("broken", false));
        assertThat(retried.result()).isEqualTo(IngestResponse.Result.PUBLISHED);
        assertThat(retried.dataset().id()).isEqualTo(entry.id());
        assertThat(store.find(entry.id()).orElseThrow().status()).isEqualTo(DatasetStatus.READY);
    }

    @Test
    void badCsvRowsAreRejectedUnderTheIdsTheyWouldHaveHadBeforeTheDatasetIsReady(@TempDir Path temp)
            throws IOException {
        Path csv = CsvFixture.withBadRows(temp.resolve("upload.csv"), 40);

        IngestOutcome outcome = ingestor.ingest(
                new IngestRequest(SourceKind.CSV, csv.toString(), "upload", "test", false, null, Map.of()));

        assertThat(outcome.published()).isEqualTo(37);
        assertThat(outcome.rejected()).isEqualTo(3);
        assertThat(kafka.records("fmnist.datasets.upload.test"))
                .extracting(ProducerRecord::key)
                .hasSize(37)
                .doesNotContain("upload/test/00003", "upload/test/00007", "upload/test/00012");
        assertThat(kafka.rejected)
                .extracting(Rejection::key, Rejection::service, Rejection::topic)
                .containsExactly(
                        tuple(
                                "upload/test/00003",
                                "ingest-service",
                                csv.toAbsolutePath().toString()),
                        tuple(
                                "upload/test/00007",
                                "ingest-service",
                                csv.toAbsolutePath().toString()),
                        tuple(
                                "upload/test/00012",
                                "ingest-service",
                                csv.toAbsolutePath().toString()));
        assertThat(kafka.rejected.get(2).reason()).startsWith("invalid-label:");
        assertThat(events.subList(events.size() - 3, events.size()))
                .containsExactly(
                        "reject 3",
                        "ready " + outcome.dataset().id(),
                        "announce " + outcome.dataset().id());
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> ingestor.ingest(mini("bad.name", false)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("dataset name 'bad.name' is not valid");
        assertThatThrownBy(() ->
                        ingestor.ingest(new IngestRequest(SourceKind.CSV, null, "x", null, false, null, Map.of())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a csv source needs a path");
        assertThat(events).isEmpty();
    }

    @Test
    void anEmptyRequestReadsTheDataFolderUnderTheOfficialNameWhoseChecksumsCannotBeSkipped() {
        IngestConfig fixtureAsData = config(
                Map.of("fmnist.ingest.data-dir", Fixtures.fashionMnistMini().toString()));
        DatasetIngestor official = new DatasetIngestor(fixtureAsData, store, kafka, kafka, kafka);

        assertThatThrownBy(() -> official.ingest(IngestRequest.official()))
                .isInstanceOf(dev.fmnist.ingest.source.SourceException.class)
                .hasMessageStartingWith("checksum mismatch: train-images-idx3-ubyte");
        assertThat(events).isEmpty();
    }

    @Test
    void aReplaySendsTheSplitUnchangedInIdOrderUpToTheLimit() {
        String id = ingestor.ingest(mini("replayed", false)).dataset().id();

        kafka.prepare(List.of(Topics.IMAGES_INPUT));
        ReplayState started = replays.start("replayed", new ReplayRequest("test", null, 120));
        assertThat(started.status()).isEqualTo(ReplayState.Status.RUNNING);
        assertThat(started.datasetId()).isEqualTo(id);
        assertThat(started.sourceTopic()).isEqualTo("fmnist.datasets.replayed.test");
        assertThat(started.targetTopic()).isEqualTo(Topics.IMAGES_INPUT);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> replays.find(started.id()).orElseThrow().status() != ReplayState.Status.RUNNING);
        ReplayState done = replays.find(started.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ReplayState.Status.DONE);
        assertThat(done.total()).isEqualTo(120);
        assertThat(done.published()).isEqualTo(120);
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());

        List<ProducerRecord<String, byte[]>> sent = kafka.records(Topics.IMAGES_INPUT);
        assertThat(sent)
                .extracting(ProducerRecord::key)
                .containsExactlyElementsOf(IntStream.range(0, 120)
                        .mapToObj(i -> String.format("replayed/test/%05d", i))
                        .toList());
        List<ProducerRecord<String, byte[]>> split = kafka.records("fmnist.datasets.replayed.test");
        assertThat(sent.get(7).value()).isEqualTo(split.get(7).value());
    }

    @Test
    void aReplayThatCannotPublishEndsFailedWithTheReason() {
        ingestor.ingest(mini("no-input", false));

        // fmnist.images.input is not prepared: the fake refuses to publish there
        ReplayState started = replays.start("no-input", new ReplayRequest("train", 0.0, null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> replays.find(started.id()).orElseThrow().status() != ReplayState.Status.RUNNING);
        ReplayState failed = replays.find(started.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ReplayState.Status.FAILED);
        assertThat(failed.total()).isEqualTo(1600);
        assertThat(failed.error()).isEqualTo("topic fmnist.images.input does not exist");
    }

    @Test
    void replaysRefuseUnknownDatasetsAndSplitsAndNegativeRatesOrLimits() {
        String id = ingestor.ingest(mini("checked", false)).dataset().id();

        assertThatThrownBy(() -> replays.start("nope", new ReplayRequest("test", null, null)))
                .isInstanceOf(UnknownDatasetException.class)
                .hasMessage("no dataset with id or name 'nope'");
        assertThatThrownBy(() -> replays.start(id, new ReplayRequest(null, null, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("split is required; dataset " + id + " has train, test");
        assertThatThrownBy(() -> replays.start(id, new ReplayRequest("validation", null, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("unknown split 'validation'; dataset " + id + " has train, test");
        assertThatThrownBy(() -> replays.start(id, new ReplayRequest("test", -5.0, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("rate must be >= 0");
        assertThatThrownBy(() -> replays.start(id, new ReplayRequest("test", null, 0)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("limit must be >= 1 when given");
        assertThat(replays.find("no-such-replay")).isEmpty();
    }

    private static IngestRequest mini(String name, boolean force) {
        return new IngestRequest(
                SourceKind.IDX, Fixtures.fashionMnistMini().toString(), name, null, force, false, Map.of());
    }

    /** The defaults and {@code overrides}, requests read under the temporary folder, nothing downloaded. */
    private static IngestConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "fmnist.ingest.allowed-roots",
                System.getProperty("java.io.tmpdir"),
                "fmnist.ingest.download.enabled",
                "false"));
        properties.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withDefaultValue("java.io.tmpdir", System.getProperty("java.io.tmpdir"))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(IngestConfig.class)
                .build()
                .getConfigMapping(IngestConfig.class);
    }
}
