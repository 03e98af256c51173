package dev.fmnist.launcher.probe;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Asks a Kafka cluster who it is and which topics it has. */
public final class KafkaProbe {

    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * @param bootstrapServers the cluster
     * @param timeout          how long to wait for answers
     */
    public KafkaProbe(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** What the probe found. */
    public sealed interface Result permits Reachable, Unreachable {}

    /**
     * The cluster answered.
     *
     * @param clusterId  the cluster id
     * @param brokers    number of brokers
     * @param partitions partitions per topic (internal topics excluded), by name
     */
    public record Reachable(String clusterId, int brokers, Map<String, Integer> partitions) implements Result {}

    /**
     * The cluster did not answer.
     *
     * @param reason why
     */
    public record Unreachable(String reason) implements Result {}

    /** @return what the cluster says, or why it said nothing */
    public Result probe() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 1_000));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(millis, 1_000));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        if (!anyBootstrapServerListens()) {
            return new Unreachable("nothing listens on " + bootstrapServers);
        }
        Admin admin = Admin.create(config);
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            String clusterId = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(millis, TimeUnit.MILLISECONDS).size();
            var names = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            Map<String, Integer> partitions = new TreeMap<>();
            if (!names.isEmpty()) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(names).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
                topics.forEach((name, description) ->
                        partitions.put(name, description.partitions().size()));
            }
            return new Reachable(clusterId, brokers, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        } catch (Exception e) {
            return new Unreachable("no answer from " + bootstrapServers + " within " + timeout.toMillis() + " ms");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** A plain TCP connect first: answers "not running" at once instead of after the client's timeouts. */
    private boolean anyBootstrapServerListens() {
        for (String server : bootstrapServers.split(",")) {
            String hostPort = server.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                return true;
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        (int) Math.min(timeout.toMillis(), 2_000));
                return true;
            } catch (IOException | RuntimeException e) {
                // try the next one
            }
        }
        return false;
    }
}
