package dev.fmnist.ingest.service;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ingest.source.SplitData;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of a split topic: key = stable image id, value = InputImage JSON with raw pixels and label.
 * The JSON is written directly (the bytes {@link JsonCodec} writes for the same {@link InputImage}), without a
 * mapper per record: ids are made of letters, digits, '-', '_' and '/', which JSON needs no escape for.
 */
public final class SplitRecords {

    private SplitRecords() {}

    /**
     * @param topic the split topic
     * @param name  dataset name (first part of the ids)
     * @param split the split's images
     * @return the records, built lazily in source order
     */
    public static Iterator<ProducerRecord<String, byte[]>> of(String topic, String name, SplitData split) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < split.count();
            }

            @Override
            public ProducerRecord<String, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                String id = ImageIds.of(name, split.split(), split.index(i));
                return new ProducerRecord<>(topic, id, json(id, split.pixels(i), split.label(i)));
            }
        };
    }

    /**
     * @return the bytes {@code JsonCodec.toBytes(InputImage.ofPixels(id, pixels, label))} writes
     * @throws IllegalArgumentException when the id would need escaping
     */
    public static byte[] json(String id, byte[] pixels, int label) {
        for (int c = 0; c < id.length(); c++) {
            char ch = id.charAt(c);
            if (ch < 0x20 || ch == '"' || ch == '\\' || ch > 0x7e) {
                throw new IllegalArgumentException("id needs JSON escaping: " + id);
            }
        }
        byte[] head = ("{\"id\":\"" + id + "\",\"pixels\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] base64 = Base64.getEncoder().encode(pixels);
        byte[] tail = ("\",\"width\":" + ImageGeometry.SIDE + ",\"height\":" + ImageGeometry.SIDE + ",\"label\":"
                        + label + "}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] json = new byte[head.length + base64.length + tail.length];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(base64, 0, json, head.length, base64.length);
        System.arraycopy(tail, 0, json, head.length + base64.length, tail.length);
        return json;
    }
}
