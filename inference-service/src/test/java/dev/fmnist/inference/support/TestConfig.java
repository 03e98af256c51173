package dev.fmnist.inference.support;

import dev.fmnist.inference.config.InferenceConfig;
import io.quarkus.runtime.configuration.MemorySize;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An {@link InferenceConfig} for tests that build the service's classes by hand. */
public final class TestConfig {

    private TestConfig() {}

    /**
     * @param registryUrl       the registry's base URL
     * @param cacheDir          the artifact cache
     * @param reconcileInterval how often the registry is asked
     * @return the settings, the defaults elsewhere
     */
    public static InferenceConfig of(String registryUrl, Path cacheDir, Duration reconcileInterval) {
        return new InferenceConfig() {
            @Override
            public String serviceName() {
                return "inference-service";
            }

            @Override
            public int maxRecordBytes() {
                return 1024 * 1024;
            }

            @Override
            public int maxBatchesInFlight() {
                return 3;
            }

            @Override
            public Duration revocationTimeout() {
                return Duration.ofSeconds(20);
            }

            @Override
            public Shadow shadow() {
                return () -> 3;
            }

            @Override
            public Artifacts artifacts() {
                return new Artifacts() {
                    @Override
                    public String cacheDir() {
                        return cacheDir.toString();
                    }

                    @Override
                    public Duration fetchTimeout() {
                        return Duration.ofSeconds(10);
                    }

                    @Override
                    public MemorySize maxBytes() {
                        return new MemorySize(BigInteger.valueOf(200L * 1024 * 1024));
                    }

                    @Override
                    public MemorySize maxUnpackedBytes() {
                        return new MemorySize(BigInteger.valueOf(512L * 1024 * 1024));
                    }
                };
            }

            @Override
            public Registry registry() {
                return new Registry() {
                    @Override
                    public String url() {
                        return registryUrl;
                    }

                    @Override
                    public Optional<List<String>> allowedUrls() {
                        return Optional.empty();
                    }

                    @Override
                    public Duration reconcileInterval() {
                        return reconcileInterval;
                    }

                    @Override
                    public Duration timeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public Duration pollTimeout() {
                        return Duration.ofMillis(200);
                    }

                    @Override
                    public Duration retryInterval() {
                        return Duration.ofSeconds(1);
                    }
                };
            }
        };
    }
}
