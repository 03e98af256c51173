package dev.fmnist.contracts;

/**
 * An accepted input image, decoded to 784 grey levels whatever form it arrived in.
 *
 * @param id     the image id
 * @param pixels exactly 784 unsigned grey levels, row-major
 * @param label  ground truth 0..9, or null
 */
public record DecodedImage(String id, byte[] pixels, Integer label) {

    /** @return the grey level (0..255) at {@code index} */
    public int grey(int index) {
        return pixels[index] & 0xFF;
    }

    /** @return this image as an InputImage with raw pixels */
    public InputImage toInputImage() {
        return InputImage.ofPixels(id, pixels, label);
    }
}
