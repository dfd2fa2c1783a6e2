package id.go.prakerja.training.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** The platforms' signed reports are in the service's OpenAPI document with their signature, not a bearer token. */
class PlatformWebhookDocumentTest extends TrainingServiceTest {

    @Test
    void the_platforms_reports_are_documented_as_signed_webhooks_and_participant_calls_keep_the_token() {
        var response = api().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode api = response.json();

        for (String path : List.of("/vouchers/redeem", "/progress", "/completions")) {
            JsonNode report = api.path("paths").path("/partner/platforms/{platform}" + path).path("post");
            assertThat(report.isObject()).as(path).isTrue();
            assertThat(report.get("security").toString()).as(path).isEqualTo("[{\"partnerSignature\":[]}]");
            List<String> headers = new ArrayList<>();
            report.get("parameters").forEach(p -> {
                if ("header".equals(p.get("in").asString())) {
                    headers.add(p.get("name").asString());
                    assertThat(p.get("required").asBoolean()).isTrue();
                }
            });
            assertThat(headers).as(path).containsExactlyInAnyOrder("X-PARTNER-ID", "X-TIMESTAMP");
            assertThat(report.path("requestBody").isObject()).as(path).isTrue();
        }
        JsonNode scheme = api.path("components").path("securitySchemes").path("partnerSignature");
        assertThat(scheme.path("in").asString()).isEqualTo("header");
        assertThat(scheme.path("name").asString()).isEqualTo("X-SIGNATURE");
        assertThat(scheme.path("description").asString()).contains("HMAC-SHA256", "X-TIMESTAMP", "X-PARTNER-ID");

        JsonNode search = api.path("paths").path("/api/v1/trainings").path("get");
        assertThat(search.isObject()).isTrue();
        assertThat(search.has("security")).as("the catalogue asks for a participant's token").isFalse();
        assertThat(api.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(api.path("paths").has("/error")).isFalse();
    }
}
