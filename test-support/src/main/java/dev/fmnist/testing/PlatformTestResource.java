package dev.fmnist.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared test platform (real Kafka + real PostgreSQL).
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(PlatformTestResource.class)
 * class IngestResourceTest { ... }
 * }</pre>
 *
 * <p>Returns {@code kafka.bootstrap.servers}, {@code quarkus.datasource.jdbc.url}, {@code
 * quarkus.datasource.username} and {@code quarkus.datasource.password}. The platform is started once per JVM by
 * {@link SharedTestPlatform} and outlives every test class; {@link #stop()} therefore leaves it running.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedTestPlatform.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; a shutdown hook stops it
    }
}
