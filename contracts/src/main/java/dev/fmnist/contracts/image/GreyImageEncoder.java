package dev.fmnist.contracts.image;

import dev.fmnist.contracts.ImageGeometry;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes 784 grey levels as an 8-bit grey 28×28 PNG (which {@link GreyImageDecoder} reads back exactly). */
public final class GreyImageEncoder {

    private GreyImageEncoder() {}

    /**
     * @param pixels 784 grey levels, row-major
     * @return PNG bytes
     */
    public static byte[] toPng(byte[] pixels) {
        if (pixels.length != ImageGeometry.PIXELS) {
            throw new IllegalArgumentException("expected 784 pixels, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(ImageGeometry.SIDE, ImageGeometry.SIDE, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = new int[ImageGeometry.PIXELS];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = pixels[i] & 0xFF;
        }
        image.getRaster().setPixels(0, 0, ImageGeometry.SIDE, ImageGeometry.SIDE, levels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
