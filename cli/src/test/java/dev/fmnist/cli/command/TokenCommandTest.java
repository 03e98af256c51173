package dev.fmnist.cli.command;

import dev.fmnist.cli.CliRun;
import dev.fmnist.launcher.OperatorKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fmnist token}: one token alone on stdout, signed by the key pair it makes once. */
class TokenCommandTest {

    @Test
    void printsATokenOfTheOperatorSignedWithTheKeyPairItMakesOnce(@TempDir Path temp) throws Exception {
        Path keys = temp.resolve("keys");

        CliRun first = CliRun.of("token", "--keys", keys.toString(), "--user", "alice", "--ttl", "PT5M");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out().lines())
                .singleElement()
                .satisfies(line -> assertThat(line.split("\\.")).hasSize(3));
        assertThat(first.err())
                .contains("Made a new key pair in " + keys.toAbsolutePath())
                .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(OperatorKeys.in(keys).readPublicKey())
                .setExpectedIssuer("fmnist")
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(first.out().strip());
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(300);

        CliRun second = CliRun.of("token", "--keys", keys.toString());
        assertThat(second.status()).isZero();
        assertThat(second.err()).as("the pair is reused").isEmpty();
        JwtClaims defaults = new JwtConsumerBuilder()
                .setVerificationKey(OperatorKeys.in(keys).readPublicKey())
                .setExpectedIssuer("fmnist")
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(second.out().strip());
        assertThat(defaults.getExpirationTime().getValue()
                        - defaults.getIssuedAt().getValue())
                .isEqualTo(3600);
    }

    @Test
    void aValidityThatIsNotPositiveIsAUsageError(@TempDir Path temp) {
        CliRun run = CliRun.of("token", "--keys", temp.toString(), "--ttl", "PT0S");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--ttl must be positive");
        assertThat(run.out()).isEmpty();
    }
}
