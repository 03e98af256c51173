package dev.fmnist.evaluation.testing;

import dev.fmnist.evaluation.messaging.Channels;
import dev.fmnist.testing.InMemoryKafka;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The fast tier: every channel of the service on SmallRye's in-memory connector (no broker; PostgreSQL stays real),
 * so a test hands the consumers records ({@link InMemoryKafka#record}) and reads what they emit. Test classes with this profile share one
 * application.
 */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Switch.class));
    }

    /** Switches the channels to the in-memory connector before the application starts. */
    public static class Switch extends InMemoryKafka.Switch {
        public Switch() {
            super(
                    List.of(
                            Channels.PREDICTIONS,
                            Channels.SHADOW_PREDICTIONS,
                            Channels.MODELS,
                            Channels.PROGRESS,
                            Channels.IMAGES),
                    List.of(Channels.EVALUATIONS, Channels.REJECTED));
        }
    }
}
