package dev.fmnist.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates topics that do not exist yet; existing topics (and their data) are left alone. */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;

    /** @param bootstrapServers the broker to talk to */
    public TopicProvisioner(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Makes sure every topic in {@code specs} exists.
     *
     * @param specs topics to create when missing
     * @return the names of the topics that were created now
     */
    public List<String> ensure(Collection<TopicSpec> specs) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicSpec> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(
                    missing.stream().map(TopicSpec::toNewTopic).toList());
            for (TopicSpec spec : missing) {
                try {
                    result.values().get(spec.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause(), e);
                    }
                }
            }
            return missing.stream().map(TopicSpec::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " to create topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
