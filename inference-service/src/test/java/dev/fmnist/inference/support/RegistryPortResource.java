package dev.fmnist.inference.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest}'s {@code fmnist.inference.registry.url} at a free local port, where the test then
 * starts a {@link StandInRegistry} ({@code StandInRegistry.start(port)}, port read back from the configuration).
 * Until it does, the service finds the registry unreachable, as it would in production.
 */
public class RegistryPortResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key this resource sets. */
    public static final String REGISTRY_URL = "fmnist.inference.registry.url";

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of(REGISTRY_URL, "http://localhost:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // nothing was started here
    }
}
