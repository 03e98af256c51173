package dev.fmnist.pipeline;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Who in a consumer group owns which partitions of a topic, read with the Kafka admin client. */
final class ConsumerGroupMembers {

    private ConsumerGroupMembers() {}

    /**
     * Waits until a stable group has {@code members} members that each own at least one partition of {@code topic}
     * (members that own none of it, e.g. consumers of another topic in the same group, are not counted).
     *
     * @return member (client id and host) → its partitions of the topic
     * @throws AssertionError when that does not happen in time, with the last assignment seen
     */
    static Map<String, Set<Integer>> awaitMembersOwningPartitions(
            String bootstrapServers, String group, String topic, int members, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Set<Integer>> last = Map.of();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                            .all()
                            .get()
                            .get(group);
                    // members of the group that consume other topics (another channel of the same service) own none
                    last = owners(description, topic);
                    last.values().removeIf(Set::isEmpty);
                    if (description.state() == ConsumerGroupState.STABLE && last.size() == members) {
                        return last;
                    }
                } catch (ExecutionException notYet) {
                    // the group may not exist yet
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("consumer group " + group + " did not get " + members + " members owning " + topic
                + " partitions within " + timeout.toSeconds() + " s; last seen: " + last);
    }

    private static Map<String, Set<Integer>> owners(ConsumerGroupDescription description, String topic) {
        return description.members().stream()
                .collect(Collectors.toMap(
                        (MemberDescription m) -> m.clientId() + "@" + m.host() + " " + m.consumerId(),
                        m -> m.assignment().topicPartitions().stream()
                                .filter(tp -> tp.topic().equals(topic))
                                .map(TopicPartition::partition)
                                .collect(Collectors.toCollection(TreeSet::new))));
    }
}
