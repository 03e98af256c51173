package dev.fmnist.inference;

import dev.fmnist.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** inference-service keeps the services' shape: no package cycles, a core that imports no adapter. */
class ArchitectureTest {

    @Test
    void packagesFormNoCycleAndTheCoreImportsNoAdapter() {
        ServiceArchitecture.check("dev.fmnist.inference");
    }
}
