package dev.fmnist.deploy.kustomize;

import dev.fmnist.deploy.Repo;

import java.nio.file.Path;
import java.util.List;

/** The fixture kustomizations under src/test/resources/kustomize. */
final class KustomizeFixtures {

    private KustomizeFixtures() {}

    static Path dir(String name) {
        return Repo.root().resolve("deploy-check/src/test/resources/kustomize").resolve(name);
    }

    static List<Path> dirs() {
        return List.of(dir("base"), dir("overlay"));
    }
}
