package dev.fmnist.inference.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactUrlPolicyTest {

    private final ArtifactUrlPolicy policy =
            new ArtifactUrlPolicy(List.of("http://localhost:8082", "https://Registry.example.org/fmnist/"));

    @Test
    void urlsUnderAnAllowedBaseAreAllowed() {
        assertThat(policy.allows("http://localhost:8082/models/m1/artifact")).isTrue();
        assertThat(policy.allows("http://LOCALHOST:8082/models/m1/artifact")).isTrue();
        assertThat(policy.allows("https://registry.example.org/fmnist/models/m1/artifact"))
                .isTrue();
        assertThat(policy.allows("https://registry.example.org:443/fmnist/models/m1/artifact"))
                .isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(List.of(
                        "http://evil.example.com/models/m1/artifact",
                        "http://localhost:8083/models/m1/artifact",
                        "https://localhost:8082/models/m1/artifact",
                        "http://localhost.evil.example.com:8082/models/m1/artifact",
                        "http://localhost:8082@evil.example.com/models/m1/artifact",
                        "http://user@localhost:8082/models/m1/artifact",
                        "file:///etc/passwd",
                        "ftp://localhost:8082/models/m1/artifact",
                        "https://registry.example.org/fmnist-other/models/m1/artifact",
                        "https://registry.example.org/other/models/m1/artifact",
                        "https://registry.example.org/fmnist/../admin/artifact",
                        "https://registry.example.org/fmnist/%2e%2e/admin/artifact",
                        "http://localhost:8082/models/..%2F..%2Fadmin",
                        "models/m1/artifact",
                        "not a url at all",
                        ""))
                .allSatisfy(url -> assertThat(policy.allows(url)).as(url).isFalse());
        assertThat(policy.allows(null)).isFalse();
    }

    @Test
    void aBaseMustBeAPlainHttpUrl() {
        assertThatThrownBy(() -> new ArtifactUrlPolicy(List.of("file:///models")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) base URL");
        assertThatThrownBy(() -> new ArtifactUrlPolicy(List.of("http://localhost:8082/?x=1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArtifactUrlPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
