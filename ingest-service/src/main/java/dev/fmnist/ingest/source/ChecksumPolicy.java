package dev.fmnist.ingest.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Which SHA-256 each source file must have.
 * <ul>
 *   <li>With verification off, no sum is required (the actual sums are still recorded).</li>
 *   <li>A sum the request declares for a file name is required for that file.</li>
 *   <li>Under the official dataset name, the official files must have the contract's sums, and every file must be
 *       verified against some sum: the official name only ever holds verified content.</li>
 *   <li>Under any other name, files without a declared sum are accepted when internally consistent.</li>
 * </ul>
 * A request's policy comes from {@link #forRequest}, which never lets a request switch the official sums off.
 *
 * @param verify        whether sums are compared at all
 * @param officialName  true when the dataset is ingested under the official name
 * @param declared      file name (without {@code .gz}) → expected SHA-256, from the request
 */
public record ChecksumPolicy(boolean verify, boolean officialName, Map<String, String> declared) {

    public ChecksumPolicy {
        declared = declared == null ? Map.of() : Map.copyOf(declared);
    }

    /**
     * The policy of one ingest request. Under the official name (compared ignoring case) checksums are always
     * verified against the contract's sums, whatever {@code fmnist.ingest.verify-checksums} says: a request that
     * turns verification off, or declares a sum other than the official one (or for a file that is not an official
     * file), is refused, so modified data can only ever be ingested under another name.
     *
     * @param name         the dataset name of the request
     * @param officialName the configured official name
     * @param requested    the request's {@code verify}, or null
     * @param configured   {@code fmnist.ingest.verify-checksums}, the default for other names
     * @param declared     the request's {@code expectedSha256}
     * @return the policy
     * @throws SourceException when the request would switch off or override the official sums
     */
    public static ChecksumPolicy forRequest(
            String name, String officialName, Boolean requested, boolean configured, Map<String, String> declared) {
        Map<String, String> sums = declared == null ? Map.of() : declared;
        if (!name.equalsIgnoreCase(officialName)) {
            return new ChecksumPolicy(requested == null ? configured : requested, false, sums);
        }
        if (Boolean.FALSE.equals(requested)) {
            throw new SourceException("official-checksums: checksums cannot be turned off for the official dataset"
                    + " name '" + officialName + "'; it only holds the verified official files, so ingest modified"
                    + " or unverified data under another name");
        }
        StringJoiner overridden = new StringJoiner("; ");
        new TreeMap<>(sums).forEach((file, sum) -> {
            String official = OfficialChecksums.of(file).orElse(null);
            if (sum == null || !sum.trim().toLowerCase(Locale.ROOT).equals(official)) {
                overridden.add(
                        file + (official == null ? " is not an official file" : ": the official sum is " + official));
            }
        });
        if (overridden.length() > 0) {
            throw new SourceException("official-checksums: expectedSha256 cannot override the official checksums"
                    + " under the official dataset name '" + officialName + "' (" + overridden + "); ingest"
                    + " modified data under another name");
        }
        return new ChecksumPolicy(true, true, Map.of());
    }

    /** A policy that requires nothing (tests, trusted sources). */
    public static ChecksumPolicy none() {
        return new ChecksumPolicy(false, false, Map.of());
    }

    /** @return the sum {@code fileName} must have, if any */
    public Optional<String> expected(String fileName) {
        if (!verify) {
            return Optional.empty();
        }
        String declaredSum = declared.get(fileName);
        if (declaredSum != null) {
            return Optional.of(declaredSum.trim().toLowerCase(Locale.ROOT));
        }
        return officialName ? OfficialChecksums.of(fileName) : Optional.empty();
    }

    /**
     * Checks one file's actual sum.
     *
     * @param fileName file name without {@code .gz}
     * @param actual   SHA-256 of its decompressed content
     * @return the file's record
     * @throws SourceException when an expected sum applies and differs, or when the official name has no sum to
     *                         verify the file against
     */
    public SourceFile check(String fileName, String actual) {
        Optional<String> expected = expected(fileName);
        if (expected.isPresent()) {
            if (!expected.get().equals(actual)) {
                throw new SourceException("checksum mismatch: " + fileName + " has SHA-256 " + actual + " but "
                        + expected.get() + " is required; the file is corrupt or not the expected one");
            }
            return new SourceFile(fileName, actual, expected.get(), true);
        }
        if (verify && officialName) {
            throw new SourceException("unverified file: " + fileName + " has no expected SHA-256 (the official name"
                    + " only holds the official files, or files whose sums the request declares); ingest it under"
                    + " another name, declare its sum, or turn verification off");
        }
        return new SourceFile(fileName, actual, null, false);
    }
}
