package io.imagecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One image name and tag per service: deploy/images.env, the kustomize base, the build. */
class ImagesTest {
    private static final Map<String, String> IMAGES = Repo.envFile("deploy/images.env");

    @Test
    @SuppressWarnings("unchecked")
    void kustomizeBaseNamesTheImagesOfImagesEnv() {
        Map<String, Object> kustomization = (Map<String, Object>) new org.yaml.snakeyaml.Yaml(
                        new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(Repo.read("k8s/base/kustomization.yaml"));
        List<Map<String, Object>> images = (List<Map<String, Object>>) kustomization.get("images");
        assertThat(images).extracting(i -> i.get("name")).containsExactlyInAnyOrderElementsOf(ServiceSettings.SERVICES);
        for (Map<String, Object> image : images) {
            assertThat(image.get("newName"))
                    .isEqualTo(IMAGES.get("IMAGECAST_IMAGE_REGISTRY") + "/" + image.get("name"));
            assertThat(image.get("newTag")).isEqualTo(IMAGES.get("IMAGECAST_IMAGE_TAG"));
        }
    }

    @Test
    void tagIsTheProjectVersion() {
        Matcher m = Pattern.compile("<artifactId>imagecast-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Repo.read("pom.xml"));
        assertThat(m.find()).isTrue();
        assertThat(IMAGES.get("IMAGECAST_IMAGE_TAG")).isEqualTo(m.group(1));
    }

    @Test
    void eachServiceHasAJvmDockerfileOverItsFastJarAndTheBuildScriptTagsFromImagesEnv() {
        for (String service : ServiceSettings.SERVICES) {
            String dockerfile = Repo.read(service + "/src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).as(service).contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/");
            assertThat(dockerfile).as(service).contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
            assertThat(dockerfile).as(service).contains("EXPOSE " + ServiceSettings.httpPort(service, Map.of()));
            List<String> users =
                    dockerfile.lines().filter(l -> l.startsWith("USER ")).toList();
            assertThat(users)
                    .as("%s runs as uid 185 in the end", service)
                    .last()
                    .isEqualTo("USER 185");
        }
        String script = Repo.read("deploy/build-images.sh");
        assertThat(script).contains("source \"$ROOT/deploy/images.env\"");
        assertThat(script).contains("image=\"$IMAGECAST_IMAGE_REGISTRY/$svc:$IMAGECAST_IMAGE_TAG\"");
        assertThat(script).contains("src/main/docker/Dockerfile.jvm");
    }
}
