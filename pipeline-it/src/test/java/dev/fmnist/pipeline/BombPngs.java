package dev.fmnist.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG decompression bombs beyond {@code HostileImages} (contracts' test jar, whose bomb is 8-bit grey with short
 * data): the same header declared as RGBA, and a complete, valid 20000×20000 image — 400 MB of zero rows that deflate
 * to about 390 KB, the kind of file that ran inference-service out of heap (issue 11): a decoder that trusts the
 * header decodes all of it.
 */
final class BombPngs {

    /** PNG colour type of 8-bit grey. */
    static final int GREY = 0;
    /** PNG colour type of 8-bit RGBA. */
    static final int RGBA = 6;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private BombPngs() {}

    /**
     * @param width     declared width
     * @param height    declared height
     * @param colourType {@link #GREY} or {@link #RGBA}
     * @return a PNG whose IDAT holds only 4 KiB of zeros (a few hundred bytes in all)
     */
    static byte[] headerOnly(int width, int height, int colourType) {
        return png(width, height, colourType, deflate(new byte[4096], 1));
    }

    /**
     * @param width  width
     * @param height height
     * @return a complete 8-bit grey PNG of zero pixels: every row is filter byte 0 and {@code width} zeros
     */
    static byte[] completeGrey(int width, int height) {
        return png(width, height, GREY, deflate(new byte[width + 1], height));
    }

    private static byte[] deflate(byte[] row, int rows) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            for (int i = 0; i < rows; i++) {
                out.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static byte[] png(int width, int height, int colourType, byte[] idat) {
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) colourType)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", idat);
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
