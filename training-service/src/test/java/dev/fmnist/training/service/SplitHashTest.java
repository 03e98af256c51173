package dev.fmnist.training.service;

import dev.fmnist.contracts.DecodedImage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitHashTest {

    @Test
    void isTheIngestHashOverPositionLabelAndPixelsInPositionOrder() throws Exception {
        byte[] a = pixels(7);
        byte[] b = pixels(200);
        byte[] c = pixels(33);
        // keys in string order are not positions in numeric order: 100000 sorts before 99999 as text
        Map<String, DecodedImage> byKey = new LinkedHashMap<>();
        byKey.put("mini/train/100000", new DecodedImage("mini/train/100000", c, 9));
        byKey.put("mini/train/00002", new DecodedImage("mini/train/00002", a, 3));
        byKey.put("mini/train/99999", new DecodedImage("mini/train/99999", b, 0));

        // oracle, written out byte by byte: position as 4 big-endian bytes, label byte, 784 pixels; ascending positions
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {0, 0, 0, 2, 3});
        expected.write(a);
        expected.write(new byte[] {0, 1, (byte) 0x86, (byte) 0x9f, 0}); // 99999 = 0x0001869F
        expected.write(b);
        expected.write(new byte[] {0, 1, (byte) 0x86, (byte) 0xa0, 9}); // 100000 = 0x000186A0
        expected.write(c);
        String oracle =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertThat(SplitHash.of(byKey)).isEqualTo(oracle);
    }

    @Test
    void changesWithOnePixelOrOneLabelOrOnePosition() {
        Map<String, DecodedImage> base = Map.of("m/t/00001", new DecodedImage("m/t/00001", pixels(1), 1));
        byte[] other = pixels(1);
        other[400]++;
        assertThat(SplitHash.of(base))
                .isNotEqualTo(SplitHash.of(Map.of("m/t/00001", new DecodedImage("m/t/00001", other, 1))));
        assertThat(SplitHash.of(base))
                .isNotEqualTo(SplitHash.of(Map.of("m/t/00001", new DecodedImage("m/t/00001", pixels(1), 2))));
        assertThat(SplitHash.of(base))
                .isNotEqualTo(SplitHash.of(Map.of("m/t/00002", new DecodedImage("m/t/00002", pixels(1), 1))));
    }

    @Test
    void cannotBeRecomputedWhenAKeyCarriesNoPosition() {
        assertThat(SplitHash.of(Map.of(
                        "m/t/00001",
                        new DecodedImage("x", pixels(1), 1),
                        "m/t/first",
                        new DecodedImage("y", pixels(2), 1))))
                .isNull();
        assertThat(SplitHash.position("fashion-mnist/train/00042")).hasValue(42);
        assertThat(SplitHash.position("fashion-mnist/train/")).isEmpty();
        assertThat(SplitHash.position("fashion-mnist/train/12345678901")).isEmpty();
    }

    private static byte[] pixels(int seed) {
        byte[] pixels = new byte[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * seed + seed);
        }
        return pixels;
    }
}
