package dev.fmnist.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code fmnist --version}: the version written into the jar's manifest by the build. */
public final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FmnistCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "fmnist " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
