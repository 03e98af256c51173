package dev.fmnist.contracts.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Images made to hurt a decoder, for tests of every path that decodes PNGs (Kafka, {@code POST /predict}, folders).
 * Shared through the contracts test jar.
 */
public final class HostileImages {

    private HostileImages() {}

    /**
     * A well-formed PNG (signature, IHDR, IDAT, IEND, correct CRCs) whose header declares {@code width × height}
     * 8-bit grey pixels while its data holds a few hundred bytes: decoding it would allocate {@code width × height}
     * bytes (400 MB for 20000×20000) before noticing that the data is short.
     */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] data = new byte[8192];
        int length = deflater.deflate(data);
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", header.array(), 13);
        chunk(png, "IDAT", data, length);
        chunk(png, "IEND", new byte[0], 0);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        out.writeBytes(name);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
