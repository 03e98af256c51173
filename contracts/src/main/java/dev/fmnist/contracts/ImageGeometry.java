package dev.fmnist.contracts;

/** The fixed image geometry of the pipeline: 28×28 grey levels, row-major, one unsigned byte a pixel. */
public final class ImageGeometry {

    /** Width and height in pixels. */
    public static final int SIDE = 28;
    /** Pixels per image (784). */
    public static final int PIXELS = SIDE * SIDE;

    private ImageGeometry() {}
}
