package dev.fmnist.contracts;

/**
 * The contract's rule for identifiers (image ids, model ids, job ids, dataset ids): a non-empty string of at most
 * {@value #MAX_LENGTH} Unicode code points (so 128 emoji are a valid id) without a control character
 * (U+0000–U+001F, U+007F). Whatever passes is safe to store in PostgreSQL, use as a Kafka key, index and display.
 */
public final class Identifiers {

    /** Longest accepted identifier, in Unicode code points. */
    public static final int MAX_LENGTH = 128;

    private Identifiers() {}

    /**
     * @param field the field's name, for the message
     * @param value the identifier, may be null
     * @return what is wrong with it, or null when it is acceptable
     */
    public static String problem(String field, String value) {
        if (value == null) {
            return "'" + field + "' is missing";
        }
        if (value.isEmpty()) {
            return "'" + field + "' is empty";
        }
        int codePoints = value.codePointCount(0, value.length());
        if (codePoints > MAX_LENGTH) {
            return "'" + field + "' has " + codePoints + " characters, the limit is " + MAX_LENGTH;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "'" + field + "' contains the control character U+" + String.format("%04X", (int) c)
                        + " at position " + value.codePointCount(0, i);
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                return "'" + field + "' contains an unpaired UTF-16 surrogate at position "
                        + value.codePointCount(0, i);
            }
        }
        return null;
    }

    /** @return whether {@code value} is an acceptable identifier */
    public static boolean isValid(String value) {
        return problem("id", value) == null;
    }

    /**
     * Free text (names, reasons) must not hold U+0000, which PostgreSQL cannot store in a text column.
     *
     * @param field the field's name, for the message
     * @param value the text, may be null
     * @return what is wrong with it, or null when it is acceptable
     */
    public static String textProblem(String field, String value) {
        return value != null && value.indexOf('\u0000') >= 0 ? "'" + field + "' contains the character U+0000" : null;
    }
}
