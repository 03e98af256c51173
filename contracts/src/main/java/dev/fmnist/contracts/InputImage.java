package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Base64;

/**
 * An image to classify, on {@code fmnist.images.input} and the dataset split topics.
 *
 * @param id     caller's id, 1..128 characters
 * @param pixels base64 of 784 unsigned grey levels, row-major (0 = background)
 * @param png    base64 of a PNG or JPEG, instead of {@code pixels}
 * @param width  28 when given
 * @param height 28 when given
 * @param label  optional ground truth 0..9
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputImage(String id, String pixels, String png, Integer width, Integer height, Integer label) {

    /**
     * @param id     image id
     * @param pixels 784 grey levels
     * @param label  ground truth, or null
     * @return a raw-pixel InputImage with width and height 28
     */
    public static InputImage ofPixels(String id, byte[] pixels, Integer label) {
        return new InputImage(
                id, Base64.getEncoder().encodeToString(pixels), null, ImageGeometry.SIDE, ImageGeometry.SIDE, label);
    }
}
