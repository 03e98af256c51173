package dev.fmnist.ingest.service;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.ingest.source.SplitData;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitRecordsTest {

    @Test
    void recordsAreKeyedByIdAndHoldExactlyWhatTheContractCodecWrites() {
        SplitData split = CsvFixture.FIXTURE_TEST;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Iterator<ProducerRecord<String, byte[]>> iterator = SplitRecords.of("fmnist.datasets.mini.test", "mini", split);
        iterator.forEachRemaining(records::add);

        assertThat(records).hasSize(500);
        for (int i : new int[] {0, 42, 499}) {
            ProducerRecord<String, byte[]> record = records.get(i);
            String id = String.format("mini/test/%05d", i);
            assertThat(record.topic()).isEqualTo("fmnist.datasets.mini.test");
            assertThat(record.key()).isEqualTo(id);
            assertThat(record.value())
                    .isEqualTo(JsonCodec.toBytes(InputImage.ofPixels(id, split.pixels(i), split.label(i))));
            // and inference's validator accepts it as the same image
            var decoded = new InputImageValidator("test").validate("fmnist.images.input", id, record.value());
            assertThat(decoded.isAccepted()).isTrue();
            assertThat(decoded.value().pixels()).isEqualTo(split.pixels(i));
            assertThat(decoded.value().label()).isEqualTo(split.label(i));
        }
    }

    @Test
    void anIdThatWouldNeedEscapingIsRefused() {
        assertThatThrownBy(() -> SplitRecords.json("a\"b", new byte[784], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
