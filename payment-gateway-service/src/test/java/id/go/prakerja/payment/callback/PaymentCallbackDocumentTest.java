package id.go.prakerja.payment.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The partners' notification is served outside Spring MVC, yet the service's OpenAPI document describes it:
 * path, SNAP headers, signature scheme, both body shapes; and it is not shown as a bearer-token call.
 */
class PaymentCallbackDocumentTest extends PaymentGatewayServiceTest {

    private JsonNode document() {
        var response = HttpApi.at("http://localhost:" + port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<String> names(JsonNode parameters, String in) {
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> {
            if (in.equals(p.get("in").asString())) {
                names.add(p.get("name").asString());
            }
        });
        return names;
    }

    @Test
    void the_partners_notification_is_documented_with_its_snap_headers_signature_and_bodies() {
        JsonNode api = document();
        JsonNode callback = api.path("paths").path("/partner/payments/{partner}/callback").path("post");
        assertThat(callback.isObject()).as("the callback path is in the document").isTrue();

        assertThat(names(callback.get("parameters"), "header"))
                .contains("X-PARTNER-ID", "X-TIMESTAMP", "X-EXTERNAL-ID", "CHANNEL-ID");
        assertThat(names(callback.get("parameters"), "path")).containsExactly("partner");
        List<String> partners = new ArrayList<>();
        callback.get("parameters").get(0).path("schema").path("enum").forEach(p -> partners.add(p.asString()));
        assertThat(partners).containsExactlyInAnyOrder("bni", "linkaja", "ovo", "gopay");
        for (String partner : partners) {
            assertThat(("/partner/payments/" + partner + "/callback"))
                    .as("the documented path is the one the endpoint serves").matches("/partner/payments/([^/]+)/callback");
        }

        // signed with the partner's SNAP scheme, not a bearer token
        assertThat(callback.get("security")).hasSize(1);
        assertThat(callback.get("security").get(0).has(PaymentCallbackDocumentation.SNAP_SIGNATURE)).isTrue();
        JsonNode scheme = api.path("components").path("securitySchemes").path(PaymentCallbackDocumentation.SNAP_SIGNATURE);
        assertThat(scheme.path("in").asString()).isEqualTo("header");
        assertThat(scheme.path("name").asString()).isEqualTo("X-SIGNATURE");
        assertThat(scheme.path("description").asString()).contains("HMAC-SHA512", "X-TIMESTAMP", "SHA-256");

        assertThat(callback.path("requestBody").toString())
                .contains("SnapTransferNotification", "GoPayNotification");
        assertThat(api.path("components").path("schemas").path("SnapTransferNotification").path("required").toString())
                .contains("originalPartnerReferenceNo", "latestTransactionStatus");
        assertThat(api.path("components").path("schemas").path("GoPayNotification").path("required").toString())
                .contains("partnerReferenceNo", "status");
        assertThat(callback.path("responses").path("200").toString()).contains("SnapAcknowledgement");
        assertThat(callback.path("responses").has("401")).isTrue();
    }

    @Test
    void operators_endpoints_keep_the_bearer_token() {
        JsonNode api = document();
        assertThat(api.path("security").toString()).contains("bearer");
        JsonNode payments = api.path("paths").path("/admin/payments").path("get");
        assertThat(payments.isObject()).isTrue();
        // no operation-level requirement: the document's bearer token applies
        assertThat(payments.has("security")).isFalse();
    }
}
