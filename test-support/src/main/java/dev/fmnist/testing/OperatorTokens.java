package dev.fmnist.testing;

import io.smallrye.jwt.build.Jwt;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Set;

/**
 * Bearer tokens for the services' tests (ingest and training; use with RestAssured's {@code auth().oauth2(...)}). In test (and dev) mode no key is configured, so Quarkus makes an in-memory RSA key
 * pair at start: the service verifies with its public half and {@code Jwt...sign()} signs with its private half
 * ({@code smallrye.jwt.sign.key}). Production has no such pair (docs/security.md).
 */
public final class OperatorTokens {

    /** The issuer the service expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "fmnist";

    private OperatorTokens() {}

    /** @return a valid five-minute token with {@code groups=[operator]} */
    public static String operator() {
        return Jwt.issuer(ISSUER)
                .upn("test-operator")
                .groups("operator")
                .expiresIn(300)
                .sign();
    }

    /** @return a valid token of a user without the operator role */
    public static String viewer() {
        return Jwt.issuer(ISSUER)
                .upn("test-viewer")
                .groups(Set.of("viewer"))
                .expiresIn(300)
                .sign();
    }

    /** @return an operator token signed by a key the service does not trust */
    public static String foreign() {
        return Jwt.issuer(ISSUER)
                .upn("intruder")
                .groups("operator")
                .expiresIn(300)
                .sign(foreignKey());
    }

    /** @return an operator token, signed by the trusted key, that expired ten minutes ago */
    public static String expired() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .upn("test-operator")
                .groups("operator")
                .issuedAt(now - 1200)
                .expiresAt(now - 600)
                .sign();
    }

    /** @return an operator token, signed by the trusted key, from another issuer */
    public static String otherIssuer() {
        return Jwt.issuer("someone-else")
                .upn("test-operator")
                .groups("operator")
                .expiresIn(300)
                .sign();
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }
}
