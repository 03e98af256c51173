package dev.fmnist.testing;

import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.platform.PlatformSettings;

/**
 * One test platform per JVM: started on first use (random free ports, temporary directory), stopped by a JVM
 * shutdown hook. Every test class of a module (plain JUnit or {@code @QuarkusTest}) shares it.
 *
 * <pre>{@code
 * PlatformEndpoints platform = SharedTestPlatform.get();
 * platform.bootstrapServers();  // localhost:<random port>
 * platform.jdbcUrl();           // jdbc:postgresql://localhost:<random port>/fmnist
 * }</pre>
 *
 * <p>"Once per JVM" holds even when Quarkus loads this class in several class loaders: the running platform's
 * endpoints are published as system properties ({@value #PROPERTY_PREFIX}*), which every class loader sees. (The
 * prefix stays clear of the services' configuration roots, which SmallRye Config validates.)
 */
public final class SharedTestPlatform {

    /** Prefix of the system properties that publish the shared platform's endpoints. */
    public static final String PROPERTY_PREFIX = "dev.fmnist.platform.shared-test-platform.";

    private static final String BOOTSTRAP = PROPERTY_PREFIX + "bootstrap-servers";
    private static final String JDBC_URL = PROPERTY_PREFIX + "jdbc-url";
    private static final String USERNAME = PROPERTY_PREFIX + "username";
    private static final String PASSWORD = PROPERTY_PREFIX + "password";

    /** A string literal is interned JVM-wide, so all class loaders share this monitor. */
    private static final Object JVM_WIDE_LOCK = "dev.fmnist.testing.SharedTestPlatform.lock";

    private SharedTestPlatform() {}

    /**
     * The shared platform, started now if this JVM has none yet (takes a few seconds the first time).
     *
     * @return the endpoints of the running platform
     */
    public static PlatformEndpoints get() {
        synchronized (JVM_WIDE_LOCK) {
            String bootstrap = System.getProperty(BOOTSTRAP);
            if (bootstrap != null) {
                return PlatformEndpoints.of(
                        bootstrap,
                        System.getProperty(JDBC_URL),
                        System.getProperty(USERNAME),
                        System.getProperty(PASSWORD));
            }
            FmnistPlatform platform = FmnistPlatform.start(PlatformSettings.forTests());
            Runtime.getRuntime().addShutdownHook(new Thread(SharedTestPlatform::forget, "fmnist-test-platform"));
            System.setProperty(JDBC_URL, platform.jdbcUrl());
            System.setProperty(USERNAME, platform.username());
            System.setProperty(PASSWORD, platform.password());
            System.setProperty(BOOTSTRAP, platform.bootstrapServers());
            return platform;
        }
    }

    private static void forget() {
        System.clearProperty(BOOTSTRAP);
    }
}
