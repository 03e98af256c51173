package dev.fmnist.contracts.image;

/** Resizes a grey plane by area averaging: each target pixel is the coverage-weighted mean of the source area. */
final class AreaResampler {

    private AreaResampler() {}

    static double[] resize(double[] src, int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        double[] dst = new double[dstWidth * dstHeight];
        double sx = (double) srcWidth / dstWidth;
        double sy = (double) srcHeight / dstHeight;
        for (int ty = 0; ty < dstHeight; ty++) {
            double y0 = ty * sy;
            double y1 = y0 + sy;
            for (int tx = 0; tx < dstWidth; tx++) {
                double x0 = tx * sx;
                double x1 = x0 + sx;
                double sum = 0;
                double area = 0;
                for (int y = (int) Math.floor(y0); y < Math.min(srcHeight, Math.ceil(y1)); y++) {
                    double wy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int x = (int) Math.floor(x0); x < Math.min(srcWidth, Math.ceil(x1)); x++) {
                        double w = wy * (Math.min(x1, x + 1) - Math.max(x0, x));
                        sum += w * src[y * srcWidth + x];
                        area += w;
                    }
                }
                dst[ty * dstWidth + tx] = area > 0 ? sum / area : 0;
            }
        }
        return dst;
    }
}
