package dev.fmnist.ingest.messaging;

import dev.fmnist.testing.InMemoryKafka;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The fast tier: the service's SmallRye channels ({@code fmnist.datasets} announcements and {@code fmnist.rejected})
 * on the in-memory connector, so a test reads what the service emits without a consumer; the bulk producer of the
 * split topics and PostgreSQL stay real. Test classes with this profile share one application.
 */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Switch.class));
    }

    /** Switches the channels to the in-memory connector before the application starts. */
    public static class Switch extends InMemoryKafka.Switch {
        public Switch() {
            super(List.of(), List.of(DatasetEvents.DATASETS_OUT, DatasetEvents.REJECTED_OUT));
        }
    }
}
