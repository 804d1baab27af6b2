package io.imagecast.deploy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with the real {@code kubectl kustomize} and reads it with fabric8's typed model. */
final class Kustomize {
    // fabric8's classes keep unknown fields in additionalProperties rather than failing; the tests
    // look for them with UnknownFields.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {}

    static String render(String relativeDir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(
                            "kubectl", "kustomize", Repo.path(relativeDir).toString())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "kubectl is needed to render k8s/ (apt-get install kubectl; .ci/run does)", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + relativeDir + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Every object of the rendered overlay; kinds without a fabric8 class come back as GenericKubernetesResource. */
    static List<HasMetadata> objects(String relativeDir) throws IOException, InterruptedException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<KubernetesResource> it =
                YAML.readerFor(KubernetesResource.class).readValues(render(relativeDir))) {
            while (it.hasNext()) {
                KubernetesResource resource = it.next();
                if (!(resource instanceof HasMetadata object)) {
                    throw new IllegalStateException("not a Kubernetes object: " + resource);
                }
                objects.add(object);
            }
        }
        return objects;
    }
}
