package dev.fmnist.contracts;

import java.util.List;

/** The ten Fashion-MNIST classes, indexed by label. */
public final class FashionLabels {

    /** Number of classes. */
    public static final int COUNT = 10;

    /** Class names in label order, exactly as the contract spells them. */
    public static final List<String> NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionLabels() {}

    /** @return whether {@code label} is a valid class index */
    public static boolean isValid(int label) {
        return label >= 0 && label < COUNT;
    }

    /**
     * @param label 0..9
     * @return the class name of {@code label}
     * @throws IllegalArgumentException when the label is out of range
     */
    public static String name(int label) {
        if (!isValid(label)) {
            throw new IllegalArgumentException("label must be 0..9, was " + label);
        }
        return NAMES.get(label);
    }
}
