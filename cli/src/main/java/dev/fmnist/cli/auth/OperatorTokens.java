package dev.fmnist.cli.auth;

import dev.fmnist.launcher.OperatorKeys;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;

/**
 * Signs the bearer tokens the services accept for their mutating endpoints: a JWT (RS256) with {@code iss} =
 * {@value #ISSUER}, {@code upn} and {@code sub} = the user, {@code groups} = [{@value #ROLE}], {@code iat},
 * {@code exp} and a random {@code jti} (MicroProfile JWT claims, as {@code quarkus-smallrye-jwt} reads them).
 */
public final class OperatorTokens {

    /** The issuer the services expect by default ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = OperatorKeys.ISSUER;
    /** The role every mutating endpoint needs. */
    public static final String ROLE = "operator";
    /** Validity of a token printed by {@code fmnist token}. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private OperatorTokens() {}

    /**
     * @param key  the private key ({@link OperatorKeys#readPrivateKey()})
     * @param user who the token names ({@code upn})
     * @param ttl  how long it is valid, from now
     * @return the token, compact serialization ({@code header.payload.signature})
     * @throws IllegalArgumentException when {@code ttl} is not positive or {@code user} is blank
     */
    public static String sign(PrivateKey key, String user, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's validity must be positive, not " + ttl);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a token needs a user name");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", List.of(ROLE));
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        NumericDate expiry = NumericDate.fromSeconds(now.getValue() + Math.max(1, ttl.toSeconds()));
        claims.setExpirationTime(expiry);
        claims.setGeneratedJwtId();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** @return the name tokens carry by default: the OS user, else {@code operator} */
    public static String defaultUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? ROLE : user;
    }
}
