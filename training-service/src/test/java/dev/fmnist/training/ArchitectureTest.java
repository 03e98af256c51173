package dev.fmnist.training;

import dev.fmnist.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** training-service keeps the services' shape: no package cycles, a core that imports no adapter. */
class ArchitectureTest {

    @Test
    void packagesFormNoCycleAndTheCoreImportsNoAdapter() {
        ServiceArchitecture.check("dev.fmnist.training");
    }
}
