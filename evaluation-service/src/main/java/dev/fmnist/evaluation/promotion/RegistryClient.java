package dev.fmnist.evaluation.promotion;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * training-service's {@code POST /models/{id}/promote?reason=...}, over HTTP, with a bearer token evaluation-service
 * signs itself for each call: issuer {@value #ISSUER}, {@code upn} {@value #PRINCIPAL}, {@code groups=[operator]},
 * valid five minutes, RS256 with the PEM private key at {@code fmnist.evaluation.promotion.signing-key} (the key whose
 * public half training-service verifies with, {@code mp.jwt.verify.publickey.location}).
 */
public class RegistryClient implements ModelRegistryApi {

    /** The issuer training-service expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "fmnist";
    /** Who the registry's status history names. */
    public static final String PRINCIPAL = "evaluation-service";
    /** The role the promote call needs. */
    public static final String OPERATOR = "operator";

    private static final long TOKEN_SECONDS = 300;

    private final URI trainingUrl;
    private final PrivateKey key;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param trainingUrl training-service's base URL
     * @param key         the signing key
     * @param timeout     for connecting and for the answer
     */
    public RegistryClient(String trainingUrl, PrivateKey key, Duration timeout) {
        this.trainingUrl = URI.create(trainingUrl.endsWith("/") ? trainingUrl : trainingUrl + "/");
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Answer promote(String modelId, String reason) throws IOException {
        URI uri = trainingUrl.resolve("models/" + encode(modelId) + "/promote?reason=" + encode(reason));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while promoting " + modelId, e);
        }
    }

    /** @return a fresh operator token */
    String token() {
        return Jwt.issuer(ISSUER)
                .upn(PRINCIPAL)
                .groups(OPERATOR)
                .expiresIn(TOKEN_SECONDS)
                .sign(key);
    }

    /**
     * @param location a PEM (PKCS#8) RSA private key: a {@code file:} URI or a path
     * @return the key
     * @throws IllegalStateException when it cannot be read or is not one
     */
    public static PrivateKey readKey(String location) {
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the signing key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a PEM PKCS#8 RSA private key", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
