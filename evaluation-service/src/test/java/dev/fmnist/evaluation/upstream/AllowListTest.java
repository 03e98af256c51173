package dev.fmnist.evaluation.upstream;

import org.junit.jupiter.api.Test;

import static dev.fmnist.evaluation.upstream.UpstreamService.INFERENCE;
import static dev.fmnist.evaluation.upstream.UpstreamService.TRAINING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which calls the gateway passes on, and to which upstream path; where an upstream URL points. */
class AllowListTest {

    @Test
    void everyDocumentedCallIsForwardedWithThePrefixTakenOff() {
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/models"))
                .isEqualTo(new AllowList.Forward("/models"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/models/mlp-v3-7f3a"))
                .isEqualTo(new AllowList.Forward("/models/mlp-v3-7f3a"));
        assertThat(AllowList.decide(TRAINING, "post", "/api/training/models/m-1/promote"))
                .isEqualTo(new AllowList.Forward("/models/m-1/promote"));
        assertThat(AllowList.decide(TRAINING, "POST", "/api/training/models/rollback"))
                .isEqualTo(new AllowList.Forward("/models/rollback"));
        assertThat(AllowList.decide(TRAINING, "POST", "/api/training/models/m-1/shadow"))
                .isEqualTo(new AllowList.Forward("/models/m-1/shadow"));
        assertThat(AllowList.decide(TRAINING, "delete", "/api/training/models/m-1/shadow"))
                .isEqualTo(new AllowList.Forward("/models/m-1/shadow"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/jobs")).isEqualTo(new AllowList.Forward("/jobs"));
        assertThat(AllowList.decide(TRAINING, "POST", "/api/training/jobs")).isEqualTo(new AllowList.Forward("/jobs"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/searches/s-1"))
                .isEqualTo(new AllowList.Forward("/searches/s-1"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/jobs/j-1"))
                .isEqualTo(new AllowList.Forward("/jobs/j-1"));
        assertThat(AllowList.decide(TRAINING, "DELETE", "/api/training/jobs/j-1"))
                .isEqualTo(new AllowList.Forward("/jobs/j-1"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/architectures"))
                .isEqualTo(new AllowList.Forward("/architectures"));
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/datasets"))
                .isEqualTo(new AllowList.Forward("/datasets"));
        assertThat(AllowList.decide(INFERENCE, "POST", "/api/inference/predict"))
                .isEqualTo(new AllowList.Forward("/predict"));
        assertThat(AllowList.decide(INFERENCE, "GET", "/api/inference/model"))
                .isEqualTo(new AllowList.Forward("/model"));
    }

    @Test
    void anyOtherPathIsNotFoundAndNamesWhatIsAllowed() {
        for (String path : new String[] {
            "/api/training",
            "/api/training/",
            "/api/training/q/metrics",
            "/api/training/models/m-1/artifact",
            "/api/training/models/",
            "/api/training/jobs//x",
            "/api/training/jobs/..",
            "/api/training/jobs/.",
            "/api/training/jobs/%2E%2e",
            "/api/training/jobs/.%2e",
            "/api/training/jobs/a%2fb",
            "/api/training/jobs/a%5Cb",
            "/api/training/jobs/a\\b",
            "/api/training/models/../shadow",
            "/api/x/../training/jobs"
        }) {
            assertThat(AllowList.decide(TRAINING, "GET", path))
                    .as(path)
                    .isInstanceOfSatisfying(
                            AllowList.NotFound.class,
                            n -> assertThat(n.reason())
                                    .startsWith(
                                            "GET " + path + " is not a call the gateway passes on to training-service")
                                    .contains("GET /api/training/jobs/{id}"));
        }
        assertThat(AllowList.decide(INFERENCE, "POST", "/api/inference/predict/batch"))
                .isInstanceOf(AllowList.NotFound.class);
        assertThat(AllowList.decide(INFERENCE, "POST", "/api/training/jobs"))
                .as("another upstream's prefix")
                .isInstanceOf(AllowList.NotFound.class);
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/jobs/j.1%20x"))
                .as("dots and escapes inside an id are the upstream's business")
                .isEqualTo(new AllowList.Forward("/jobs/j.1%20x"));
    }

    @Test
    void anAllowedPathWithAnotherMethodIsMethodNotAllowedWithTheMethodsItTakes() {
        assertThat(AllowList.decide(TRAINING, "PUT", "/api/training/jobs/j-1"))
                .isInstanceOfSatisfying(AllowList.MethodNotAllowed.class, m -> {
                    assertThat(m.allowed()).containsExactly("DELETE", "GET");
                    assertThat(m.reason())
                            .isEqualTo("PUT /api/training/jobs/j-1: the gateway to training-service allows only "
                                    + "DELETE, GET on this path");
                });
        assertThat(AllowList.decide(TRAINING, "GET", "/api/training/models/m-1/shadow"))
                .isInstanceOfSatisfying(AllowList.MethodNotAllowed.class, m -> {
                    assertThat(m.allowed()).containsExactly("DELETE", "POST");
                    assertThat(m.reason())
                            .isEqualTo("GET /api/training/models/m-1/shadow: the gateway to training-service allows"
                                    + " only DELETE, POST on this path");
                });
        assertThat(AllowList.decide(TRAINING, "DELETE", "/api/training/models/rollback"))
                .isInstanceOfSatisfying(
                        AllowList.MethodNotAllowed.class,
                        m -> assertThat(m.allowed()).containsExactly("GET", "POST"));
        assertThat(AllowList.decide(INFERENCE, "GET", "/api/inference/predict"))
                .isInstanceOfSatisfying(
                        AllowList.MethodNotAllowed.class,
                        m -> assertThat(m.allowed()).containsExactly("POST"));
    }

    @Test
    void anUpstreamUrlGivesHostPortSchemeAndBasePath() {
        assertThat(Origin.parse("p", "http://training-service:8082"))
                .isEqualTo(new Origin("http://training-service:8082", false, "training-service", 8082, ""));
        assertThat(Origin.parse("p", "https://fmnist.example/inference/"))
                .isEqualTo(new Origin("https://fmnist.example/inference/", true, "fmnist.example", 443, "/inference"));
        assertThat(Origin.parse("p", "http://localhost"))
                .extracting(Origin::port)
                .isEqualTo(80);
        assertThatThrownBy(() -> Origin.parse("fmnist.evaluation.upstream.training-url", "ftp://x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fmnist.evaluation.upstream.training-url = 'ftp://x' is not a service URL: the scheme must "
                        + "be http or https");
        assertThatThrownBy(() -> Origin.parse("p", "localhost:8082")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Origin.parse("p", "http://x:1/?a=b")).isInstanceOf(IllegalArgumentException.class);
    }
}
