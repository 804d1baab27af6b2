package io.imagecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.imagecast.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay of k8s/, rendered by kubectl kustomize, against the services' own configuration. */
class ManifestsTest {
    private static final String LAB = "k8s/overlays/lab";
    private static final String PRODUCTION = "k8s/overlays/production";
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private static List<HasMetadata> objects(String overlay) {
        return RENDERED.computeIfAbsent(overlay, dir -> {
            try {
                return Kustomize.objects(dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T extends HasMetadata> List<T> all(String overlay, Class<T> kind) {
        return objects(overlay).stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    private static <T extends HasMetadata> T one(String overlay, Class<T> kind, String name) {
        List<T> found = all(overlay, kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .toList();
        assertThat(found).as("%s %s in %s", kind.getSimpleName(), name, overlay).hasSize(1);
        return found.get(0);
    }

    private static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals(kind))
                .toList();
    }

    /** The pod template of a service's workload: a Deployment, or the sender's DaemonSet. */
    private static PodTemplateSpec template(String overlay, String service) {
        return service.equals("sender-service")
                ? one(overlay, DaemonSet.class, service).getSpec().getTemplate()
                : one(overlay, Deployment.class, service).getSpec().getTemplate();
    }

    private static Container container(String overlay, String service) {
        List<Container> containers = template(overlay, service).getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly(service);
        return containers.get(0);
    }

    /** The variables a container gets: env entries, and every key of the ConfigMaps it takes whole. */
    private static Map<String, EnvVar> environment(String overlay, Container container) {
        Map<String, EnvVar> env = new HashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            assertThat(from.getSecretRef())
                    .as("secrets come in by key, never whole")
                    .isNull();
            ConfigMap map = one(overlay, ConfigMap.class, from.getConfigMapRef().getName());
            map.getData().forEach((k, v) -> env.put(k, new EnvVar(k, v, null)));
        }
        // env wins over envFrom, as in the kubelet.
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static Map<String, String> literalEnvironment(String overlay, Container container) {
        Map<String, String> values = new HashMap<>();
        environment(overlay, container).forEach((k, v) -> {
            if (v.getValueFrom() == null) {
                values.put(k, v.getValue());
            }
        });
        return values;
    }

    @Test
    void unknownFieldsAreFound() throws Exception {
        var pod = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                                + "    - name: c\n      securityContext: {readOnlyRootFileSystem: true}\n",
                        io.fabric8.kubernetes.api.model.Pod.class);
        assertThat(UnknownFields.of(pod)).containsExactly(".spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    @Test
    void settingsParserFindsWhatTheServicesReadSoTheChecksBelowAreNotVacuous() {
        assertThat(ServiceSettings.variables("session-service"))
                .contains("IMAGECAST_DB_URL", "IMAGECAST_DB_PASSWORD", "IMAGECAST_KAFKA", "IMAGECAST_SESSION_PORT");
        assertThat(ServiceSettings.variables("sender-service"))
                .contains("IMAGECAST_NODE_ID", "IMAGECAST_STORAGE_ROOT", "IMAGECAST_JWT_PUBLIC_KEY")
                .doesNotContain("IMAGECAST_DB_URL", "IMAGECAST_DB_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void everyObjectHasKindNameAndTheImagecastNamespace(String overlay) {
        List<HasMetadata> objects = objects(overlay);
        assertThat(objects).hasSizeGreaterThan(15);
        for (HasMetadata o : objects) {
            assertThat(o.getApiVersion()).as("apiVersion of %s", o).isNotBlank();
            assertThat(o.getKind()).as("kind of %s", o).isNotBlank();
            assertThat(o.getMetadata().getName())
                    .as("name of a %s", o.getKind())
                    .isNotBlank();
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace())
                        .as("namespace of %s", o.getMetadata().getName())
                        .isEqualTo("imagecast");
            }
        }
        assertThat(all(overlay, Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("session-service", "node-registry", "log-service");
        for (HasMetadata o : objects) {
            if (!(o instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.of(o))
                        .as(
                                "fields of %s %s unknown to the Kubernetes API",
                                o.getKind(), o.getMetadata().getName())
                        .isEmpty();
            }
        }
        assertThat(all(overlay, DaemonSet.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactly("sender-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void probesUseTheRealHealthPathsOnTheServicesOwnPort(String overlay) {
        for (String service : ServiceSettings.SERVICES) {
            Container c = container(overlay, service);
            int port = ServiceSettings.httpPort(service, literalEnvironment(overlay, c));
            assertThat(c.getPorts()).as(service).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(port);
            });
            assertProbe(service, c.getStartupProbe(), "/q/health/started", port, c);
            assertProbe(service, c.getReadinessProbe(), "/q/health/ready", port, c);
            assertProbe(service, c.getLivenessProbe(), "/q/health/live", port, c);
        }
    }

    private static void assertProbe(String service, Probe probe, String path, int port, Container c) {
        assertThat(probe).as("%s probe for %s", service, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
        IntOrString target = probe.getHttpGet().getPort();
        int resolved = target.getIntVal() != null
                ? target.getIntVal()
                : c.getPorts().stream()
                        .filter(p -> target.getStrVal().equals(p.getName()))
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError(service + ": probe port " + target.getStrVal() + " not declared"))
                        .getContainerPort();
        assertThat(resolved).as("%s probe %s port", service, path).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void everySettingAServiceReadsIsProvidedAndNoneItIgnores(String overlay) {
        for (String service : ServiceSettings.SERVICES) {
            Set<String> reads = ServiceSettings.variables(service);
            Set<String> provided = environment(overlay, container(overlay, service)).keySet().stream()
                    .filter(k -> k.startsWith("IMAGECAST_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(provided)
                    .as("IMAGECAST_* variables given to %s", service)
                    .isEqualTo(reads);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void credentialsAndTheJwtKeyComeFromSecretsThatTheManifestsDoNotContain(String overlay) {
        assertThat(all(overlay, Secret.class))
                .as("Secrets are created by the admin, not shipped")
                .isEmpty();
        for (ConfigMap map : all(overlay, ConfigMap.class)) {
            map.getData().forEach((k, v) -> {
                assertThat(k)
                        .as("key in ConfigMap %s", map.getMetadata().getName())
                        .doesNotContainIgnoringCase("password")
                        .doesNotContainIgnoringCase("token");
                assertThat(v)
                        .as("%s in ConfigMap %s", k, map.getMetadata().getName())
                        .doesNotContain("-----BEGIN");
            });
        }
        for (String service : ServiceSettings.SERVICES) {
            PodTemplateSpec pod = template(overlay, service);
            Container c = container(overlay, service);
            Map<String, EnvVar> env = environment(overlay, c);
            for (EnvVar e : env.values()) {
                if (e.getName().matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                    assertThat(e.getValueFrom())
                            .as("%s of %s", e.getName(), service)
                            .isNotNull();
                    assertThat(e.getValueFrom().getSecretKeyRef())
                            .as("%s of %s", e.getName(), service)
                            .isNotNull();
                }
            }
            if (ServiceSettings.hasDatabase(service)) {
                assertThat(env.get("IMAGECAST_DB_USER")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                        .isEqualTo("imagecast-db");
                assertThat(env.get("IMAGECAST_DB_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                        .isEqualTo("imagecast-db");
            }
            // The key file named by IMAGECAST_JWT_PUBLIC_KEY is the imagecast-jwt Secret's publicKey.pem.
            Path keyFile = Path.of(env.get("IMAGECAST_JWT_PUBLIC_KEY").getValue());
            VolumeMount mount = c.getVolumeMounts().stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(keyFile.getParent()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": nothing mounted at " + keyFile.getParent()));
            Volume volume = volume(pod, mount.getName());
            assertThat(volume.getSecret())
                    .as("%s: volume %s", service, volume.getName())
                    .isNotNull();
            assertThat(volume.getSecret().getSecretName()).isEqualTo("imagecast-jwt");
            assertThat(volume.getSecret().getItems())
                    .anySatisfy(i -> assertThat(i.getPath())
                            .isEqualTo(keyFile.getFileName().toString()));
        }
    }

    private static Volume volume(PodTemplateSpec pod, String name) {
        return pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void servicesRunAsNonRootOnAReadOnlyRootWithAWritableTmpAndResourceBounds(String overlay) {
        for (String service : ServiceSettings.SERVICES) {
            PodTemplateSpec pod = template(overlay, service);
            Container c = container(overlay, service);
            assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot())
                    .as(service)
                    .isTrue();
            assertThat(pod.getSpec().getSecurityContext().getRunAsUser())
                    .as(service)
                    .isNotZero();
            assertThat(pod.getSpec().getEnableServiceLinks())
                    .as("%s: service links off", service)
                    .isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                    .as(service)
                    .isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                    .as(service)
                    .isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop())
                    .as(service)
                    .contains("ALL");
            VolumeMount tmp = c.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no /tmp"));
            assertThat(volume(pod, tmp.getName()).getEmptyDir()).as(service).isNotNull();
            assertThat(c.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(service).containsKeys("memory");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void selectorsMatchTheLabelsTheyAreMeantFor(String overlay) {
        List<Map<String, String>> podLabels = new ArrayList<>();
        for (Deployment d : all(overlay, Deployment.class)) {
            assertThat(Selectors.matches(
                            d.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("Deployment %s selects its own pods", d.getMetadata().getName())
                    .isTrue();
            podLabels.add(d.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (DaemonSet d : all(overlay, DaemonSet.class)) {
            assertThat(Selectors.matches(
                            d.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .isTrue();
            podLabels.add(d.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (StatefulSet s : all(overlay, StatefulSet.class)) {
            assertThat(Selectors.matches(
                            s.getSpec().getSelector(),
                            s.getSpec().getTemplate().getMetadata().getLabels()))
                    .isTrue();
            podLabels.add(s.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (Service s : all(overlay, Service.class)) {
            assertThat(podLabels.stream()
                            .filter(l -> Selectors.matches(s.getSpec().getSelector(), l)))
                    .as("pods behind Service %s", s.getMetadata().getName())
                    .hasSize(1);
        }
        for (PodDisruptionBudget pdb : all(overlay, PodDisruptionBudget.class)) {
            assertThat(podLabels.stream()
                            .filter(l -> Selectors.matches(pdb.getSpec().getSelector(), l)))
                    .as("pods of PodDisruptionBudget %s", pdb.getMetadata().getName())
                    .hasSize(1);
        }
        assertThat(all(overlay, PodDisruptionBudget.class))
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("session-service", "node-registry", "log-service");
        for (NetworkPolicy np : all(overlay, NetworkPolicy.class)) {
            if (np.getSpec().getPodSelector().getMatchLabels() != null
                    && np.getSpec().getPodSelector().getMatchLabels().containsKey("cnpg.io/cluster")) {
                continue; // pods the CloudNativePG operator creates
            }
            assertThat(podLabels.stream()
                            .filter(l -> Selectors.matches(np.getSpec().getPodSelector(), l)))
                    .as("pods of NetworkPolicy %s", np.getMetadata().getName())
                    .isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void ingressIsDeniedUnlessAPolicyAllowsIt(String overlay) {
        NetworkPolicy deny = one(overlay, NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void senderRunsOnTheStorageNodesHostNetworkWithTheImagesReadOnly(String overlay) {
        DaemonSet sender = one(overlay, DaemonSet.class, "sender-service");
        var spec = sender.getSpec().getTemplate().getSpec();
        assertThat(spec.getHostNetwork()).isTrue();
        assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(spec.getNodeSelector()).containsEntry("imagecast.io/storage", "true");
        assertThat(spec.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("imagecast.io/storage"));
        Container c = container(overlay, "sender-service");
        Map<String, EnvVar> env = environment(overlay, c);
        assertThat(env.get("IMAGECAST_NODE_ID").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("spec.nodeName");
        String root = env.get("IMAGECAST_STORAGE_ROOT").getValue();
        VolumeMount images = c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(root))
                .findFirst()
                .orElseThrow(() -> new AssertionError("storage root " + root + " not mounted"));
        assertThat(images.getReadOnly()).isTrue();
        assertThat(volume(sender.getSpec().getTemplate(), images.getName()).getHostPath())
                .isNotNull();
        String state = env.get("IMAGECAST_SENDER_STATE_DIR").getValue();
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(state);
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {LAB, PRODUCTION})
    void servicesRunTheImagesOfDeployImagesEnv(String overlay) {
        Map<String, String> images = Repo.envFile("deploy/images.env");
        for (String service : ServiceSettings.SERVICES) {
            String expected =
                    images.get("IMAGECAST_IMAGE_REGISTRY") + "/" + service + ":" + images.get("IMAGECAST_IMAGE_TAG");
            PodTemplateSpec pod = template(overlay, service);
            Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
                    .forEach(c -> assertThat(c.getImage())
                            .as("%s/%s", service, c.getName())
                            .isEqualTo(expected));
        }
    }

    @Test
    void labOffersPostgresAndKafkaUnderTheNamesTheConfigurationUses() {
        Map<String, String> env = literalEnvironment(LAB, container(LAB, "session-service"));
        Service pg = one(LAB, Service.class, host(env.get("IMAGECAST_DB_URL")));
        assertThat(pg.getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(5432));
        String[] kafka = env.get("IMAGECAST_KAFKA").split(":");
        Service bootstrap = one(LAB, Service.class, kafka[0]);
        assertThat(bootstrap.getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(Integer.parseInt(kafka[1])));
        assertThat(all(LAB, StatefulSet.class))
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("imagecast-pg", "imagecast-kafka");
        // The databases the services connect to are the ones init-databases.sql creates.
        String sql = Repo.read("k8s/overlays/lab/init-databases.sql");
        assertThat(sql).isEqualTo(Repo.read("deploy/init-databases.sql"));
        for (String service : ServiceSettings.DATABASE_SERVICES) {
            String url = literalEnvironment(LAB, container(LAB, service)).get("IMAGECAST_DB_URL");
            assertThat(sql).contains("CREATE DATABASE " + url.substring(url.lastIndexOf('/') + 1) + ";");
        }
    }

    @Test
    void productionUsesTheOperatorsObjectsUnderTheNamesTheConfigurationUses() {
        Map<String, String> env = literalEnvironment(PRODUCTION, container(PRODUCTION, "session-service"));
        List<GenericKubernetesResource> clusters = custom(PRODUCTION, "Cluster");
        assertThat(clusters).hasSize(1);
        String cluster = clusters.get(0).getMetadata().getName();
        assertThat(host(env.get("IMAGECAST_DB_URL"))).isEqualTo(cluster + "-rw");
        Set<String> databases = new TreeSet<>();
        databases.add((String) clusters.get(0).get("spec", "bootstrap", "initdb", "database"));
        assertThat((String) clusters.get(0).get("spec", "bootstrap", "initdb", "secret", "name"))
                .isEqualTo("imagecast-db");
        for (GenericKubernetesResource db : custom(PRODUCTION, "Database")) {
            assertThat((String) db.get("spec", "cluster", "name")).isEqualTo(cluster);
            databases.add(db.get("spec", "name"));
        }
        for (String service : ServiceSettings.DATABASE_SERVICES) {
            String url = literalEnvironment(PRODUCTION, container(PRODUCTION, service))
                    .get("IMAGECAST_DB_URL");
            assertThat(databases).as(service).contains(url.substring(url.lastIndexOf('/') + 1));
        }

        List<GenericKubernetesResource> kafkas = custom(PRODUCTION, "Kafka");
        assertThat(kafkas).hasSize(1);
        String kafka = kafkas.get(0).getMetadata().getName();
        assertThat(env.get("IMAGECAST_KAFKA")).isEqualTo(kafka + "-kafka-bootstrap:9092");
        assertThat(custom(PRODUCTION, "KafkaNodePool"))
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka));
        List<GenericKubernetesResource> topics = custom(PRODUCTION, "KafkaTopic");
        assertThat(topics)
                .allSatisfy(t -> assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka));
        assertThat(topics).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(topicNames());
    }

    /** The topic constants of libs/events, the one list of topics. */
    private static List<String> topicNames() {
        List<String> names = new ArrayList<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(names).contains(Topics.LOGS, Topics.SESSION_COMMANDS);
        return names;
    }

    private static String host(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf(':'));
    }
}
