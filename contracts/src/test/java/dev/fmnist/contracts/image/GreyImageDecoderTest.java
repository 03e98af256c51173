package dev.fmnist.contracts.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GreyImageDecoderTest {

    @Test
    void greyPngRoundTripsExactly() {
        byte[] pixels = new byte[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }

        assertThat(GreyImageDecoder.decode(GreyImageEncoder.toPng(pixels))).isEqualTo(pixels);
    }

    @Test
    void colourImageBecomesLuma() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        fill(image, new Color(255, 0, 0));

        byte[] grey = GreyImageDecoder.decode(encode(image, "png"));

        assertThat(grey[0] & 0xFF).isEqualTo(76); // round(0.299 * 255)
        assertThat(grey[783] & 0xFF).isEqualTo(76);
    }

    @Test
    void transparentPixelsBecomeBackground() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        fill(image, new Color(255, 255, 255, 0));

        byte[] grey = GreyImageDecoder.decode(encode(image, "png"));

        assertThat(grey).containsOnly((byte) 0);
    }

    @Test
    void largerImageIsAreaAveragedTo28x28() throws IOException {
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        // left half white, right half black: each 2x2 block maps to one output pixel
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 28; x++) {
                image.getRaster().setSample(x, y, 0, 255);
            }
        }
        image.getRaster().setSample(28, 0, 0, 200);
        image.getRaster().setSample(29, 0, 0, 100);

        byte[] grey = GreyImageDecoder.decode(encode(image, "png"));

        assertThat(grey[0] & 0xFF).isEqualTo(255);
        assertThat(grey[13] & 0xFF).isEqualTo(255);
        assertThat(grey[14] & 0xFF).isEqualTo(75); // (200 + 100 + 0 + 0) / 4
        assertThat(grey[27] & 0xFF).isEqualTo(0);
    }

    @Test
    void jpegDecodes() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        fill(image, Color.WHITE);

        byte[] grey = GreyImageDecoder.decode(encode(image, "jpg"));

        assertThat(grey[400] & 0xFF).isGreaterThan(250);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> GreyImageDecoder.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessage("not a PNG or JPEG image");
    }

    private static void fill(BufferedImage image, Color color) {
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(color);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
