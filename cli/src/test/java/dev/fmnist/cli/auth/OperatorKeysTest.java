package dev.fmnist.cli.auth;

import dev.fmnist.launcher.OperatorKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local key pair and the tokens signed with it, checked the way a MicroProfile JWT verifier checks them. */
public class OperatorKeysTest {

    @Test
    void thePairIsMadeOnceWithAnOwnerOnlyPrivateKeyAndThenReused(@TempDir Path temp) throws IOException {
        Path folder = temp.resolve(".fmnist/keys");

        OperatorKeys keys = OperatorKeys.ensure(folder);

        assertThat(keys.exist()).isTrue();
        assertThat(Files.readString(keys.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(keys.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())))
                .isEqualTo("rw-------");
        assertThat(keys.publicKeyLocation())
                .isEqualTo(folder.toAbsolutePath()
                        .resolve("jwt-public.pem")
                        .toUri()
                        .toString())
                .startsWith("file:/");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("jwt-private.pem", "jwt-public.pem");
        }

        String privatePem = Files.readString(keys.privateKey());
        OperatorKeys again = OperatorKeys.ensure(folder);
        assertThat(Files.readString(again.privateKey())).isEqualTo(privatePem);
        assertThat(again.readPublicKey()).isEqualTo(keys.readPublicKey());
    }

    @Test
    void aTokenCarriesTheIssuerTheUserTheOperatorGroupAndItsExpiry(@TempDir Path temp) throws Exception {
        OperatorKeys keys = OperatorKeys.ensure(temp);

        String token = OperatorTokens.sign(keys.readPrivateKey(), "alice", Duration.ofMinutes(30));

        JwtClaims claims = verify(token, keys.readPublicKey());
        assertThat(claims.getIssuer()).isEqualTo("fmnist");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(1800);
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(OperatorTokens.sign(keys.readPrivateKey(), "alice", Duration.ofMinutes(30)))
                .isNotEqualTo(token);
    }

    @Test
    void aTokenDoesNotVerifyWithAnotherKeyNorAfterItsExpiry(@TempDir Path temp) throws Exception {
        OperatorKeys keys = OperatorKeys.ensure(temp);
        String token = OperatorTokens.sign(keys.readPrivateKey(), "alice", Duration.ofSeconds(1));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        assertThatThrownBy(() -> verify(token, generator.generateKeyPair().getPublic()))
                .isInstanceOf(InvalidJwtException.class);
        Thread.sleep(2100);
        assertThatThrownBy(() -> verify(token, keys.readPublicKey()))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("no longer valid");
    }

    @Test
    void aTokenNeedsAPositiveValidityAndAUser(@TempDir Path temp) {
        OperatorKeys keys = OperatorKeys.ensure(temp);

        assertThatThrownBy(() -> OperatorTokens.sign(keys.readPrivateKey(), "alice", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> OperatorTokens.sign(keys.readPrivateKey(), " ", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user");
    }

    @Test
    void theEnvironmentSourceSignsWithExistingKeysOnlyAndAGivenTokenWins(@TempDir Path temp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(TokenSource.ENV) == null, "FMNIST_TOKEN is set");
        assertThat(TokenSource.fromEnvironment(temp.resolve("none")).token()).isEmpty();
        assertThat(Files.exists(temp.resolve("none")))
                .as("no key pair is made as a side effect")
                .isFalse();

        OperatorKeys keys = OperatorKeys.ensure(temp.resolve("keys"));
        String token = TokenSource.fromEnvironment(keys.folder()).token().orElseThrow();
        JwtClaims claims = verify(token, keys.readPublicKey());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(TokenSource.CALL_TTL.toSeconds());
        assertThat(TokenSource.fixed(" abc ").token()).contains("abc");
    }

    /** The checks quarkus-smallrye-jwt makes: RS256 signature, issuer, expiry. */
    public static JwtClaims verify(String token, PublicKey key) throws InvalidJwtException {
        return new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setExpectedIssuer("fmnist")
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(token);
    }
}
