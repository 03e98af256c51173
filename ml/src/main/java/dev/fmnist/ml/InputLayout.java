package dev.fmnist.ml;

/** The shape a network expects its input in. */
public enum InputLayout {
    /** {@code [n, 784]}: dense networks, and convolutional ones declared with a flat convolutional input type. */
    FLAT,
    /** {@code [n, 1, 28, 28]} (NCHW). */
    IMAGE
}
