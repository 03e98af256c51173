package dev.fmnist.cli.auth;

import dev.fmnist.launcher.OperatorKeys;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a client gets the bearer token it sends with a mutation ({@code POST}); reads send none.
 *
 * <ul>
 *   <li>{@link #fixed}: a token given from outside, e.g. {@code FMNIST_TOKEN} from a cluster's OIDC issuer;</li>
 *   <li>{@link #signedBy}: short-lived tokens signed on the spot with a local key pair (the demo's);</li>
 *   <li>{@link #none}: no token (the service answers 401 to a mutation).</li>
 * </ul>
 */
@FunctionalInterface
public interface TokenSource {

    /** Environment variable holding a ready token; it wins over local keys. */
    String ENV = "FMNIST_TOKEN";

    /** How long the tokens made by {@link #signedBy} are valid. */
    Duration CALL_TTL = Duration.ofMinutes(5);

    /** @return the token to send now, or empty for none */
    Optional<String> token();

    /** @return no token */
    static TokenSource none() {
        return Optional::empty;
    }

    /**
     * @param token a token, or null/blank for none
     * @return always that token
     */
    static TokenSource fixed(String token) {
        Optional<String> value = token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
        return () -> value;
    }

    /**
     * Signs a fresh {@link #CALL_TTL} token for every call (signing takes about a millisecond).
     *
     * @param keys a key pair that exists
     * @param user who the tokens name
     * @return the source
     */
    static TokenSource signedBy(OperatorKeys keys, String user) {
        PrivateKey key = keys.readPrivateKey();
        return () -> Optional.of(OperatorTokens.sign(key, user, CALL_TTL));
    }

    /**
     * What a command uses: {@code $FMNIST_TOKEN} when set, else tokens signed with the key pair in
     * {@code keyFolder} when it has one (made by {@code fmnist demo} or {@code fmnist token}), else none.
     *
     * @param keyFolder the project's {@code .fmnist/keys}
     * @return the source
     */
    static TokenSource fromEnvironment(Path keyFolder) {
        String given = System.getenv(ENV);
        if (given != null && !given.isBlank()) {
            return fixed(given);
        }
        OperatorKeys keys = OperatorKeys.in(keyFolder);
        if (!keys.exist()) {
            return none();
        }
        // read the key on first use only: commands that make no mutation never touch it
        return new TokenSource() {
            private TokenSource signer;

            @Override
            public synchronized Optional<String> token() {
                if (signer == null) {
                    signer = signedBy(keys, OperatorTokens.defaultUser());
                }
                return signer.token();
            }
        };
    }
}
