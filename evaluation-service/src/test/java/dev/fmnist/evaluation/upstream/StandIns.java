package dev.fmnist.evaluation.upstream;

import dev.fmnist.evaluation.testing.InMemoryChannels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The gateway's test profile: the fast tier's in-memory channels (PostgreSQL stays real), and the upstream URLs
 * pointed at two stand-in HTTP servers started before the application, with a short timeout.
 */
public class StandIns implements QuarkusTestProfile {

    static StandInUpstream training;
    static StandInUpstream inference;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(InMemoryChannels.Switch.class), new TestResourceEntry(Servers.class));
    }

    /** Starts the stand-ins and hands their URLs to the application. */
    public static class Servers implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            training = StandInUpstream.start();
            inference = StandInUpstream.start();
            return Map.of(
                    "fmnist.evaluation.upstream.training-url", training.url(),
                    "fmnist.evaluation.upstream.inference-url", inference.url(),
                    "fmnist.evaluation.upstream.timeout", "1s");
        }

        @Override
        public void stop() {
            training.close();
            inference.close();
        }
    }
}
