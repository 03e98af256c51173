package dev.fmnist.contracts.validation;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.testing.HostileImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InputImageValidatorTest {

    private static final String PIXELS = Base64.getEncoder().encodeToString(gradient());
    private final InputImageValidator validator = new InputImageValidator("test-service", 4096);

    static Stream<Arguments> badRecords() {
        String png = Base64.getEncoder().encodeToString(GreyImageEncoder.toPng(gradient()));
        return Stream.of(
                Arguments.of("tombstone", null, "not-an-object: value is null"),
                Arguments.of("empty value", "", "not-an-object: value is empty"),
                Arguments.of("blank value", "   ", "not-an-object: value is empty"),
                Arguments.of("invalid JSON", "{\"id\": \"a\", ", "invalid-json:"),
                Arguments.of("JSON array", "[1,2,3]", "not-an-object: value is a JSON array"),
                Arguments.of("JSON string", "\"hello\"", "not-an-object: value is a JSON string"),
                Arguments.of("JSON number", "42", "not-an-object: value is a JSON number"),
                Arguments.of("missing id", "{\"pixels\":\"" + PIXELS + "\"}", "invalid-id: 'id' is missing"),
                Arguments.of("null id", "{\"id\":null,\"pixels\":\"" + PIXELS + "\"}", "invalid-id: 'id' is missing"),
                Arguments.of(
                        "numeric id",
                        "{\"id\":7,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' must be a string, was a number"),
                Arguments.of("empty id", "{\"id\":\"\",\"pixels\":\"" + PIXELS + "\"}", "invalid-id: 'id' is empty"),
                Arguments.of(
                        "id of 129 characters",
                        "{\"id\":\"" + "x".repeat(129) + "\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' has 129 characters, the limit is 128"),
                Arguments.of(
                        "id of 129 emoji",
                        "{\"id\":\"" + "\uD83D\uDC5F".repeat(129) + "\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' has 129 characters, the limit is 128"),
                Arguments.of(
                        "id with U+0000",
                        "{\"id\":\"a\\u0000b\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' contains the control character U+0000 at position 1"),
                Arguments.of(
                        "id with a tab",
                        "{\"id\":\"a\\tb\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' contains the control character U+0009"),
                Arguments.of(
                        "id with DEL",
                        "{\"id\":\"a\u007Fb\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' contains the control character U+007F"),
                Arguments.of(
                        "id with a lone surrogate",
                        "{\"id\":\"a\\uD800b\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-id: 'id' contains an unpaired UTF-16 surrogate"),
                Arguments.of(
                        "duplicated field",
                        "{\"id\":\"a\",\"id\":\"b\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-json: Duplicate field 'id'"),
                Arguments.of(
                        "trailing object",
                        "{\"id\":\"a\",\"pixels\":\"" + PIXELS + "\"}{\"id\":\"b\"}",
                        "invalid-json:"),
                Arguments.of("trailing garbage", "{\"id\":\"a\",\"pixels\":\"" + PIXELS + "\"} x", "invalid-json:"),
                Arguments.of(
                        "png declaring 20000x20000",
                        "{\"id\":\"a\",\"png\":\""
                                + Base64.getEncoder().encodeToString(HostileImages.pngDeclaring(20000, 20000)) + "\"}",
                        "invalid-png: the header declares 20000x20000 pixels; at most 4096 per side are accepted"),
                Arguments.of(
                        "png declaring 4097x1",
                        "{\"id\":\"a\",\"png\":\""
                                + Base64.getEncoder().encodeToString(HostileImages.pngDeclaring(4097, 1)) + "\"}",
                        "invalid-png: the header declares 4097x1 pixels"),
                Arguments.of("no image", "{\"id\":\"a\"}", "missing-image: the record has neither 'pixels' nor 'png'"),
                Arguments.of(
                        "bad base64",
                        "{\"id\":\"a\",\"pixels\":\"@@@not base64@@@\"}",
                        "invalid-pixels: 'pixels' is not valid base64"),
                Arguments.of(
                        "783 pixels",
                        "{\"id\":\"a\",\"pixels\":\"" + Base64.getEncoder().encodeToString(new byte[783]) + "\"}",
                        "invalid-pixels: 'pixels' decodes to 783 bytes; 784 (28x28) are required"),
                Arguments.of(
                        "pixels not a string",
                        "{\"id\":\"a\",\"pixels\":[0,1,2]}",
                        "invalid-pixels: 'pixels' must be a base64 string, was a array"),
                Arguments.of(
                        "width 32",
                        "{\"id\":\"a\",\"width\":32,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-size: 'width' must be 28, was 32"),
                Arguments.of(
                        "height 27",
                        "{\"id\":\"a\",\"height\":27,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-size: 'height' must be 28, was 27"),
                Arguments.of(
                        "png not base64", "{\"id\":\"a\",\"png\":\"%%%\"}", "invalid-png: 'png' is not valid base64"),
                Arguments.of(
                        "png that does not decode",
                        "{\"id\":\"a\",\"png\":\"" + Base64.getEncoder().encodeToString("GIF89a nonsense".getBytes())
                                + "\"}",
                        "invalid-png: not a PNG or JPEG image"),
                Arguments.of(
                        "truncated png",
                        "{\"id\":\"a\",\"png\":\"" + png.substring(0, png.length() / 2 / 4 * 4) + "\"}",
                        "invalid-png:"),
                Arguments.of(
                        "label 10",
                        "{\"id\":\"a\",\"label\":10,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-label: 'label' must be an integer 0..9, was 10"),
                Arguments.of(
                        "label -1",
                        "{\"id\":\"a\",\"label\":-1,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-label: 'label' must be an integer 0..9, was -1"),
                Arguments.of(
                        "label 3.5",
                        "{\"id\":\"a\",\"label\":3.5,\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-label: 'label' must be an integer 0..9, was 3.5"),
                Arguments.of(
                        "label as string",
                        "{\"id\":\"a\",\"label\":\"3\",\"pixels\":\"" + PIXELS + "\"}",
                        "invalid-label: 'label' must be an integer 0..9, was \"3\""),
                Arguments.of(
                        "record too large",
                        "{\"id\":\"a\",\"pixels\":\"" + PIXELS + "\",\"pad\":\"" + "x".repeat(5000) + "\"}",
                        "record-too-large: value is 6079 bytes, the limit is 4096"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void refusesWithAReasonNamingTheRule(String name, String value, String reason) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);

        Decoded<DecodedImage> outcome = validator.validate(Topics.IMAGES_INPUT, "the-key", bytes);

        assertThat(outcome.isAccepted()).isFalse();
        Rejection rejection = outcome.rejection();
        assertThat(rejection.reason()).startsWith(reason);
        assertThat(rejection.topic()).isEqualTo(Topics.IMAGES_INPUT);
        assertThat(rejection.key()).isEqualTo("the-key");
        assertThat(rejection.service()).isEqualTo("test-service");
        assertThat(rejection.timestamp()).isNotNull();
        if (bytes != null) {
            assertThat(rejection.payload())
                    .isEqualTo(new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.UTF_8));
        }
    }

    @Test
    void acceptsRawPixelsWithLabelAndUnknownFields() {
        String json = "{\"id\":\"img-1\",\"pixels\":\"" + PIXELS + "\",\"width\":28,\"height\":28,\"label\":3,"
                + "\"extra\":{\"ignored\":true}}";

        Decoded<DecodedImage> outcome = validator.validate(Topics.IMAGES_INPUT, "other-key", json.getBytes());

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.value().id()).isEqualTo("img-1");
        assertThat(outcome.value().label()).isEqualTo(3);
        assertThat(outcome.value().pixels()).isEqualTo(gradient());
    }

    @Test
    void anIdOf128EmojiIsValid() {
        String id = "\uD83D\uDC5F".repeat(128);
        String json = "{\"id\":\"" + id + "\",\"pixels\":\"" + PIXELS + "\",\"label\":7}  \n";

        Decoded<DecodedImage> outcome =
                validator.validate(Topics.IMAGES_INPUT, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.isAccepted()).as(String.valueOf(outcome.rejection())).isTrue();
        assertThat(outcome.value().id()).isEqualTo(id);
    }

    @Test
    void theKeyNeverStandsInForAMissingId() {
        String json = "{\"pixels\":\"" + PIXELS + "\"}";

        assertThat(validator
                        .validate(Topics.IMAGES_INPUT, "key-as-id", json.getBytes())
                        .isAccepted())
                .isFalse();
    }

    @Test
    void nullLabelMeansUnlabelled() {
        String json = "{\"id\":\"a\",\"label\":null,\"pixels\":\"" + PIXELS + "\"}";

        Decoded<DecodedImage> outcome = validator.validate(Topics.IMAGES_INPUT, null, json.getBytes());

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.value().label()).isNull();
    }

    @Test
    void aGreyPngGivesExactlyTheSamePixelsAsRawPixels() {
        String png = Base64.getEncoder().encodeToString(GreyImageEncoder.toPng(gradient()));
        String json = "{\"id\":\"a\",\"png\":\"" + png + "\",\"label\":9}";

        Decoded<DecodedImage> outcome = validator.validate(Topics.IMAGES_INPUT, null, json.getBytes());

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.value().pixels()).isEqualTo(gradient());
    }

    @Test
    void rejectionKeepsOnlyTheFirstKibOfTheRecord() {
        String value = "[" + "1,".repeat(2000) + "1]";

        Rejection rejection =
                validator.validate(Topics.IMAGES_INPUT, null, value.getBytes()).rejection();

        assertThat(rejection.payload()).hasSize(1024).isEqualTo(value.substring(0, 1024));
    }

    static byte[] gradient() {
        byte[] pixels = new byte[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 255 / 783);
        }
        return pixels;
    }
}
