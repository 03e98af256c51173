package dev.fmnist.ingest;

import dev.fmnist.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** ingest-service keeps the services' shape: no package cycles, a core that imports no adapter. */
class ArchitectureTest {

    @Test
    void packagesFormNoCycleAndTheCoreImportsNoAdapter() {
        ServiceArchitecture.check("dev.fmnist.ingest");
    }
}
