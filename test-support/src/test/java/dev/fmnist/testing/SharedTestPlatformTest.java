package dev.fmnist.testing;

import dev.fmnist.platform.PlatformEndpoints;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** One platform per JVM, even when the class is loaded again by another class loader (as Quarkus tests do). */
class SharedTestPlatformTest {

    @Test
    void aSecondClassLoaderGetsTheSamePlatformInsteadOfStartingAnother() throws Exception {
        PlatformEndpoints here = SharedTestPlatform.get();

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> other = isolated.loadClass(SharedTestPlatform.class.getName());
            assertThat(other).isNotSameAs(SharedTestPlatform.class);
            Object endpoints = other.getMethod("get").invoke(null);
            Object bootstrap =
                    endpoints.getClass().getMethod("bootstrapServers").invoke(endpoints);
            Object jdbcUrl = endpoints.getClass().getMethod("jdbcUrl").invoke(endpoints);

            assertThat(bootstrap).isEqualTo(here.bootstrapServers());
            assertThat(jdbcUrl).isEqualTo(here.jdbcUrl());
        }
    }
}
