package dev.fmnist.contracts.image;

/** Thrown when bytes that should be a PNG or JPEG image do not decode. */
public class ImageDecodingException extends RuntimeException {

    public ImageDecodingException(String message) {
        super(message);
    }
}
