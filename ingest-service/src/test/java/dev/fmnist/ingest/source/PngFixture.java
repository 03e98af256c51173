package dev.fmnist.ingest.source;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-made PNG bytes for the size checks. */
public final class PngFixture {

    private PngFixture() {}

    /**
     * A small PNG whose header declares a huge image: a valid signature and IHDR (8-bit grey) declaring
     * {@code width × height}, a tiny IDAT (a few deflated rows of zeros, far fewer than declared) and IEND. Decoding
     * it fully would need {@code width × height} bytes of memory; it must be refused from its header.
     *
     * @param width  declared width
     * @param height declared height
     * @return the file's bytes (well under 1 KiB)
     */
    public static byte[] declaring(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.writeByte(8); // bit depth
            header.writeByte(0); // colour type: grey
            header.writeByte(0); // compression
            header.writeByte(0); // filter
            header.writeByte(0); // interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[4 * (width + 1)]);
            deflater.finish();
            byte[] buffer = new byte[1024];
            int length = deflater.deflate(buffer);
            deflater.end();
            chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, length));
            chunk(out, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
