package dev.fmnist.contracts.image;

import dev.fmnist.contracts.ImageGeometry;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

/**
 * Turns PNG or JPEG bytes into 784 grey levels, the same way for training data and for inference:
 * <ol>
 *   <li>read the header and refuse more than {@value #MAX_SIDE} pixels per side, before decoding; then decode
 *       with {@link ImageIO} (in memory, never through a temporary file);</li>
 *   <li>to grey: a grey image keeps its stored levels exactly (16-bit levels are divided by 257); a colour image
 *       takes the luma {@code 0.299 R + 0.587 G + 0.114 B} of its sRGB values; transparency is composited over
 *       black (the Fashion-MNIST background, level 0);</li>
 *   <li>to 28×28: an image of another size is resampled by area averaging (each output pixel is the mean of the
 *       source area it covers; the aspect ratio is not kept), then rounded.</li>
 * </ol>
 * A 28×28 8-bit grey PNG therefore decodes to exactly the levels it holds.
 */
public final class GreyImageDecoder {

    /** Largest accepted width or height, from the image's header (the contract's limit). */
    public static final int MAX_SIDE = 4096;
    /** Pixels that all threads of the process may be decoding at once (one image of the largest size). */
    static final int PIXEL_BUDGET = MAX_SIDE * MAX_SIDE;

    private static final Semaphore BUDGET = new Semaphore(PIXEL_BUDGET, true);

    private GreyImageDecoder() {}

    /**
     * @param encoded PNG or JPEG bytes
     * @return 784 grey levels, row-major
     * @throws ImageDecodingException when the bytes are not an image ImageIO can decode
     */
    public static byte[] decode(byte[] encoded) {
        if (!isPng(encoded) && !isJpeg(encoded)) {
            throw new ImageDecodingException("not a PNG or JPEG image");
        }
        BufferedImage image = read(encoded);
        int width = image.getWidth();
        int height = image.getHeight();
        double[] grey = toGrey(image);
        image = null; // the raster may go before the resampling allocates
        double[] resized = width == ImageGeometry.SIDE && height == ImageGeometry.SIDE
                ? grey
                : AreaResampler.resize(grey, width, height, ImageGeometry.SIDE, ImageGeometry.SIDE);
        byte[] levels = new byte[ImageGeometry.PIXELS];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) Math.max(0, Math.min(255, Math.round(resized[i])));
        }
        return levels;
    }

    /**
     * Reads the header first and refuses an image that declares more than {@value #MAX_SIDE} pixels in either
     * dimension before a single pixel is decoded; then decodes it while holding {@code width × height} permits of
     * the process-wide pixel budget, so concurrent decodes never hold more than about
     * {@value #PIXEL_BUDGET} pixels (plus one image) at once.
     */
    private static BufferedImage read(byte[] encoded) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageDecodingException("not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageDecodingException(
                            "the header declares an empty image (" + width + "x" + height + ")");
                }
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new ImageDecodingException("the header declares " + width + "x" + height + " pixels; at most "
                            + MAX_SIDE + " per side are accepted");
                }
                int permits = Math.min(PIXEL_BUDGET, width * height);
                BUDGET.acquireUninterruptibly(permits);
                try {
                    BufferedImage image = reader.read(0);
                    if (image == null) {
                        throw new ImageDecodingException("not a PNG or JPEG image");
                    }
                    return image;
                } finally {
                    BUDGET.release(permits);
                }
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodingException("image does not decode: " + e.getMessage());
        }
    }

    private static boolean isPng(byte[] bytes) {
        return startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    }

    private static boolean isJpeg(byte[] bytes) {
        return startsWith(bytes, 0xFF, 0xD8, 0xFF);
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static double[] toGrey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double[] grey = new double[width * height];
        Raster raster = image.getRaster();
        boolean storedGrey = image.getColorModel().getNumColorComponents() == 1
                && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        if (storedGrey) {
            int bits = image.getColorModel().getComponentSize(0);
            double scale = bits == 16 ? 1.0 / 257.0 : 1.0;
            boolean alpha = image.getColorModel().hasAlpha();
            int maxAlpha = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double level = raster.getSample(x, y, 0) * scale;
                    if (alpha) {
                        level *= raster.getSample(x, y, 1) / (double) maxAlpha;
                    }
                    grey[y * width + x] = level;
                }
            }
            return grey;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                double a = ((argb >>> 24) & 0xFF) / 255.0;
                double luma = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                grey[y * width + x] = luma * a;
            }
        }
        return grey;
    }
}
