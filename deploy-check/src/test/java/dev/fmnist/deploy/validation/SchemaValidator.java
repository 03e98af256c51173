package dev.fmnist.deploy.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.fmnist.deploy.kustomize.Kustomize;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offline schema validation of rendered objects. Kubernetes kinds are read into the fabric8 Kubernetes model and
 * Strimzi kinds into Strimzi's own model (on fabric8), by apiVersion and kind; KEDA's ScaledObject and CloudNativePG's
 * Cluster, which publish no Java model, are checked by {@link OperatorKinds}' own rules. A problem is reported for
 * an unknown apiVersion/kind, a value of the wrong type, an unknown field anywhere (the models keep those in {@code
 * additionalProperties}: the whole typed object graph is walked for them), a quantity that does not parse and a few
 * required fields (metadata.name; a container's name and image; a Service's ports).
 */
public final class SchemaValidator {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    private static final ObjectMapper MAPPER = mapper();
    private static final Map<Class<?>, List<BeanPropertyDefinition>> PROPERTIES = new ConcurrentHashMap<>();

    private SchemaValidator() {}

    /** @return the apiVersion/kind pairs read into a typed model */
    public static Set<String> typedKinds() {
        return TYPES.keySet();
    }

    /**
     * @param build   names the build in the messages
     * @param objects the rendered objects
     * @return one line per problem, each naming the build and kind/name; empty when every object is valid
     */
    public static List<String> validate(String build, List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> obj : objects) {
            String where = build + ": " + Kustomize.kind(obj) + "/" + Kustomize.name(obj);
            for (String p : validate(obj)) {
                problems.add(where + ": " + p);
            }
        }
        return problems;
    }

    /** @return the problems of one object, without the build and name prefix */
    public static List<String> validate(Map<String, Object> obj) {
        List<String> problems = new ArrayList<>();
        String apiVersion = String.valueOf(obj.get("apiVersion"));
        String kind = Kustomize.kind(obj);
        if (Kustomize.name(obj) == null || Kustomize.name(obj).isBlank()) {
            problems.add("metadata.name: required");
        }
        if (OperatorKinds.handles(apiVersion, kind)) {
            problems.addAll(OperatorKinds.validate(obj));
            return problems;
        }
        Class<?> type = TYPES.get(apiVersion + "/" + kind);
        if (type == null) {
            problems.add("unknown apiVersion/kind " + apiVersion + "/" + kind
                    + " (not a kind this check knows; add it to SchemaValidator or OperatorKinds)");
            return problems;
        }
        Object typed;
        try {
            typed = MAPPER.convertValue(obj, type);
        } catch (IllegalArgumentException e) {
            String path = "";
            String message = String.valueOf(e.getMessage());
            if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jme) {
                StringBuilder sb = new StringBuilder();
                for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : jme.getPath()) {
                    if (r.getFieldName() != null) {
                        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
                    } else if (r.getIndex() >= 0) {
                        sb.append('[').append(r.getIndex()).append(']');
                    }
                }
                path = sb.toString();
                message = jme.getOriginalMessage();
            }
            problems.add((path.isEmpty() ? "" : path + ": ") + "does not match the " + type.getSimpleName()
                    + " schema: "
                    + message.replaceAll("\\s*\\(through reference chain.*", "").replaceAll("\\s*at \\[Source.*", ""));
            return problems;
        }
        walk(typed, "", problems, new IdentityHashMap<>());
        if (typed instanceof HasMetadata) {
            requiredFields(typed, problems);
        }
        return problems;
    }

    private static void requiredFields(Object typed, List<String> problems) {
        PodSpec pod = null;
        if (typed instanceof Deployment d && d.getSpec() != null) {
            if (d.getSpec().getSelector() == null) {
                problems.add("spec.selector: required");
            }
            pod = d.getSpec().getTemplate() == null
                    ? null
                    : d.getSpec().getTemplate().getSpec();
        } else if (typed instanceof StatefulSet s && s.getSpec() != null) {
            if (s.getSpec().getSelector() == null) {
                problems.add("spec.selector: required");
            }
            pod = s.getSpec().getTemplate() == null
                    ? null
                    : s.getSpec().getTemplate().getSpec();
        } else if (typed instanceof Job j && j.getSpec() != null) {
            pod = j.getSpec().getTemplate() == null
                    ? null
                    : j.getSpec().getTemplate().getSpec();
        } else if (typed instanceof Service s) {
            if (s.getSpec() == null
                    || s.getSpec().getPorts() == null
                    || s.getSpec().getPorts().isEmpty()) {
                problems.add("spec.ports: required (a Service with no ports)");
            } else {
                for (int i = 0; i < s.getSpec().getPorts().size(); i++) {
                    if (s.getSpec().getPorts().get(i).getPort() == null) {
                        problems.add("spec.ports[" + i + "].port: required");
                    }
                }
            }
        }
        if (typed instanceof Deployment || typed instanceof StatefulSet || typed instanceof Job) {
            if (pod == null
                    || pod.getContainers() == null
                    || pod.getContainers().isEmpty()) {
                problems.add("spec.template.spec.containers: required");
            } else {
                containers(pod.getContainers(), "spec.template.spec.containers", problems);
                if (pod.getInitContainers() != null) {
                    containers(pod.getInitContainers(), "spec.template.spec.initContainers", problems);
                }
            }
        }
    }

    private static void containers(List<Container> containers, String path, List<String> problems) {
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.getName() == null || c.getName().isBlank()) {
                problems.add(path + "[" + i + "].name: required");
            }
            if (c.getImage() == null || c.getImage().isBlank()) {
                problems.add(path + "[" + i + "].image: required");
            }
        }
    }

    /** Walks the typed object graph: any non-empty additionalProperties is an unknown field. */
    @SuppressWarnings("unchecked")
    private static void walk(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), path + "[" + e.getKey() + "]", problems, seen);
            }
            return;
        }
        if (isLeaf(node.getClass())) {
            return;
        }
        if (node instanceof Quantity q) {
            try {
                Quantity.getAmountInBytes(q);
            } catch (RuntimeException e) {
                problems.add(strip(path) + ": '" + q + "' is not a Kubernetes quantity");
            }
            return;
        }
        Object extra = additionalProperties(node);
        if (extra instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                problems.add(join(path, String.valueOf(key)) + ": unknown field");
            }
        }
        for (BeanPropertyDefinition property : properties(node.getClass())) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object value;
            try {
                value = accessor.getValue(node);
            } catch (RuntimeException e) {
                continue;
            }
            walk(value, join(path, property.getName()), problems, seen);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String strip(String path) {
        return path.isEmpty() ? "(root)" : path;
    }

    private static boolean isLeaf(Class<?> type) {
        return type.isPrimitive()
                || type.isEnum()
                || type.getName().startsWith("java.")
                || Number.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type)
                || Boolean.class == type;
    }

    private static Object additionalProperties(Object node) {
        try {
            Method m = node.getClass().getMethod("getAdditionalProperties");
            Object value = m.invoke(node);
            return value instanceof Map<?, ?> map && !map.isEmpty() ? value : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static List<BeanPropertyDefinition> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            JavaType javaType = MAPPER.constructType(t);
            BeanDescription description = MAPPER.getSerializationConfig().introspect(javaType);
            return description.findProperties().stream()
                    .filter(p -> !p.getName().equals("additionalProperties"))
                    .toList();
        });
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // Kubernetes refuses a number where a string belongs (an env value, a label): so does this check
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
