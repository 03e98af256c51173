package dev.fmnist.platform;

import java.nio.file.Path;

/** Runs a durable platform in {@code args[0]} and prints {@code READY} (used by {@link OrphanProtectionTest}). */
public final class PlatformChild {

    private PlatformChild() {}

    public static void main(String[] args) throws Exception {
        FmnistPlatform platform = FmnistPlatform.start(
                PlatformSettings.forTests().withDataDirectory(Path.of(args[0])).withDurable(true));
        System.out.println("READY " + platform.kafkaPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
