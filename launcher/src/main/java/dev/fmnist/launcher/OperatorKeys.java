package dev.fmnist.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The RSA key pair of a local run, as two PEM files in one folder ({@code .fmnist/keys/} of the project):
 * {@value #PRIVATE_FILE} (PKCS#8, file mode 600) signs operator tokens, {@value #PUBLIC_FILE} (X.509) is what the
 * services verify them with ({@code mp.jwt.verify.publickey.location}).
 *
 * <pre>{@code
 * OperatorKeys keys = OperatorKeys.ensure(project.resolve(".fmnist/keys"));   // made once, then reused
 * String token = OperatorTokens.sign(keys.readPrivateKey(), "alice", Duration.ofHours(1));
 * keys.publicKeyLocation();   // file:///.../.fmnist/keys/jwt-public.pem
 * }</pre>
 *
 * @param folder     the folder holding both files
 * @param privateKey the private key file
 * @param publicKey  the public key file
 */
public record OperatorKeys(Path folder, Path privateKey, Path publicKey) {

    /** The private key's file name. */
    public static final String PRIVATE_FILE = "jwt-private.pem";
    /** The public key's file name. */
    public static final String PUBLIC_FILE = "jwt-public.pem";
    /** RSA modulus size of new pairs. */
    public static final int KEY_BITS = 2048;

    /** The issuer the services expect by default ({@code mp.jwt.verify.issuer}); the CLI's tokens name it. */
    public static final String ISSUER = "fmnist";

    /** The key folder's name inside a run's data directory ({@code .fmnist/keys}). */
    public static final String FOLDER = "keys";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * @param dataDirectory a run's data directory, e.g. the project's {@code .fmnist}
     * @return its key folder, {@code <dataDirectory>/keys}
     */
    public static Path folderOf(Path dataDirectory) {
        return dataDirectory.resolve(FOLDER);
    }

    /**
     * @param folder a key folder
     * @return the key files of that folder (they may not exist yet)
     */
    public static OperatorKeys in(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return new OperatorKeys(absolute, absolute.resolve(PRIVATE_FILE), absolute.resolve(PUBLIC_FILE));
    }

    /**
     * The pair of {@code folder}, made now when it has none.
     *
     * @param folder a key folder, created when missing
     * @return its key files, both present
     * @throws UncheckedIOException when the files cannot be written
     */
    public static OperatorKeys ensure(Path folder) {
        OperatorKeys keys = in(folder);
        if (!keys.exist()) {
            keys.generate();
        }
        return keys;
    }

    /** @return whether both files exist */
    public boolean exist() {
        return Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey);
    }

    /** @return the public key file as a {@code file:} URI, the value of {@code mp.jwt.verify.publickey.location} */
    public String publicKeyLocation() {
        return publicKey.toUri().toString();
    }

    /**
     * @return the private key
     * @throws IllegalStateException when the file is missing or is not a PKCS#8 RSA key
     */
    public PrivateKey readPrivateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(privateKey + " is not a PKCS#8 RSA private key", e);
        }
    }

    /**
     * @return the public key
     * @throws IllegalStateException when the file is missing or is not an X.509 RSA key
     */
    public PublicKey readPublicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(publicKey + " is not an X.509 RSA public key", e);
        }
    }

    /** Writes a new pair; the private key is owner-readable only from the moment it exists. */
    private void generate() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no RSA key generator", e);
        }
        try {
            Files.createDirectories(folder);
            // each file is written under a temporary name and renamed into place, so a reader never sees half a key;
            // the public key goes last: it is what exist() and the services look for
            Path privateTemp = ownerOnlyTempFile("jwt-private-");
            Files.writeString(
                    privateTemp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Path publicTemp = Files.createTempFile(folder, "jwt-public-", ".tmp");
            Files.writeString(publicTemp, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(privateTemp, privateKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(publicTemp, publicKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the operator key pair to " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path ownerOnlyTempFile(String prefix) throws IOException {
        try {
            return Files.createTempFile(folder, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Path file = Files.createTempFile(folder, prefix, ".tmp");
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return file;
        }
    }

    private static byte[] der(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a PEM file", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
