package dev.fmnist.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Step 1 of the demo with a stand-in {@code mvnw} that records its arguments. */
class ServiceBuildTest {

    @TempDir
    Path project;

    private void mvnw(String script) throws IOException {
        Path mvnw = project.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void packagesTheFourServicesAndWhatTheyNeedButNotTheRunningCli() throws IOException {
        mvnw("""
                echo "$@" > args.txt
                for m in ingest-service training-service inference-service evaluation-service; do
                  mkdir -p $m/target/quarkus-app && touch $m/target/quarkus-app/quarkus-run.jar
                done
                """);
        assertThat(ServiceLauncher.missingJars(project)).hasSize(4);

        ServiceBuild.run(project, project.resolve(".fmnist/logs/build.log"));

        assertThat(ServiceLauncher.missingJars(project)).isEmpty();
        assertThat(Files.readString(project.resolve("args.txt")).strip())
                .isEqualTo("-B -q package -DskipTests -pl "
                        + "ingest-service,training-service,inference-service,evaluation-service -am");
    }

    @Test
    void aFailingBuildReportsTheTailOfItsOutput() throws IOException {
        mvnw("""
                echo "[ERROR] COMPILATION ERROR : Foo.java:[3,1] class, interface, enum, or record expected"
                exit 1
                """);
        Path log = project.resolve(".fmnist/logs/build.log");

        assertThatThrownBy(() -> ServiceBuild.run(project, log))
                .hasMessageContaining("the build failed (status 1; log " + log)
                .hasMessageContaining("| [ERROR] COMPILATION ERROR : Foo.java:[3,1]");
    }
}
