package id.go.prakerja.payment.callback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * Puts the partners' settlement notification ({@link PaymentCallbackEndpoint}, served ahead of Spring
 * MVC and so invisible to springdoc) into the service's OpenAPI document: its path, the SNAP headers
 * and how {@link SnapCallbackVerifier} checks them, both body shapes, and every answer.
 */
@Component
public class PaymentCallbackDocumentation implements OpenApiCustomizer {

    public static final String PATH = "/partner/payments/{partner}/callback";
    public static final String SNAP_SIGNATURE = "snapSignature";
    private static final String TAG = "Payment partners' notifications";

    private final PaymentProperties settings;

    public PaymentCallbackDocumentation(PaymentProperties settings) {
        this.settings = settings;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            api.setPaths(new Paths());
        }
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        Components components = api.getComponents();
        components.addSecuritySchemes(SNAP_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-SIGNATURE").description("""
                        SNAP symmetric signature of the notification, checked by the payment gateway itself (not the \
                        shared partner filter): X-SIGNATURE = Base64(HMAC-SHA512(the client secret the partner gave \
                        the platform, "POST:" + path[?query] as received + "::" + lowercase hex(SHA-256(the body \
                        minified: whitespace outside strings removed)) + ":" + X-TIMESTAMP)). The access-token part \
                        of the string to sign is empty. Sent with X-PARTNER-ID, X-TIMESTAMP and X-EXTERNAL-ID."""));
        components.addSchemas("SnapTransferNotification", snapNotification());
        components.addSchemas("GoPayNotification", goPayNotification());
        components.addSchemas("SnapAcknowledgement", new ObjectSchema()
                .description("The acknowledgement a partner gets once the notification is recorded")
                .addProperty("responseCode", new StringSchema().example("2000000"))
                .addProperty("responseMessage", new StringSchema().example("Successful")));
        if (!components.getSchemas().containsKey("Problem")) {
            components.addSchemas("Problem", new ObjectSchema().description("RFC 9457 problem details")
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("code", new StringSchema().description("The platform's stable reason code")));
        }
        api.addTagsItem(new Tag().name(TAG).description("SNAP settlement notifications of BNI, LinkAja, OVO and GoPay"));
        api.getPaths().addPathItem(PATH, new PathItem().post(operation()));
    }

    private Operation operation() {
        String window = settings.callbacks().timestampWindow().toMinutes() + " minutes";
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(new PathParameter().name("partner").required(true)
                .description("The partner sending the notification, in lower case")
                .schema(new StringSchema()._enum(Arrays.stream(PayoutPartner.values())
                        .map(p -> p.name().toLowerCase(Locale.ROOT)).toList())));
        parameters.add(header("X-PARTNER-ID", true,
                "The client id this partner assigned the platform (prakerja.payment.partners.<PARTNER>.client-id); "
                        + "another partner's id is refused"));
        parameters.add(header("X-TIMESTAMP", true,
                "When the partner signed: ISO-8601 with offset (2025-05-01T15:00:00+07:00), at most " + window
                        + " either side of the platform's clock"));
        parameters.add(header("X-EXTERNAL-ID", true,
                "The partner's numeric id of this notification (1 to 36 digits), unique per partner and day (Jakarta "
                        + "time): the same id with the same body again is acknowledged and changes nothing, with "
                        + "another body it is refused (409)"));
        parameters.add(header("CHANNEL-ID", false, "The partner's channel; sent by SNAP partners, not checked"));
        return new Operation().operationId("paymentNotification").addTagsItem(TAG)
                .summary("A payment partner's settlement notification (SNAP-signed)")
                .description("""
                        Sent by the payment partner when a transfer it was asked for settles or fails. A notification \
                        is a hint, never the truth: it makes the payment it names due for a status inquiry at once, \
                        and the inquiry decides, so an early, late, repeated or lost notification leaves the payment \
                        in the same state. The body is read in the partner's own shape (SNAP for BNI, LinkAja and \
                        OVO; GoPay's own) and is at most %d bytes. Headers: X-PARTNER-ID (who signs), X-TIMESTAMP \
                        (when), X-EXTERNAL-ID (the notification's id), X-SIGNATURE (HMAC-SHA512 with the partner's \
                        client secret over the method, path, body hash and timestamp; see the snapSignature scheme). \
                        Served by the payment gateway ahead of its API's filter chain; only POST is answered."""
                        .formatted(PaymentCallbackEndpoint.MAX_BODY_BYTES))
                .parameters(parameters)
                .security(new ArrayList<>(List.of(new SecurityRequirement().addList(SNAP_SIGNATURE))))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().oneOf(List.of(
                                new Schema<>().$ref("#/components/schemas/SnapTransferNotification"),
                                new Schema<>().$ref("#/components/schemas/GoPayNotification"))))
                                .example(Map.of("originalPartnerReferenceNo", "PRK20250501000123",
                                        "originalReferenceNo", "2025050112345678", "originalExternalId", "41824001",
                                        "serviceCode", "38", "latestTransactionStatus", "00",
                                        "transactionStatusDesc", "Success",
                                        "amount", Map.of("value", "600000.00", "currency", "IDR"),
                                        "customerNumber", "081234567890",
                                        "finishedTime", "2025-05-01T15:00:00+07:00")))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("Recorded (or the same notification again)")
                                .content(json("application/json", "SnapAcknowledgement")))
                        .addApiResponse("400", problem("CALLBACK_UNREADABLE: the body names no transfer in the partner's format"))
                        .addApiResponse("401", problem("CALLBACK_REFUSED: a header is missing, X-PARTNER-ID is not this "
                                + "partner's, X-EXTERNAL-ID is not numeric, X-TIMESTAMP is outside the window or "
                                + "the signature is wrong; nothing changes"))
                        .addApiResponse("404", problem("PARTNER_UNKNOWN: no such partner configured; PAYMENT_NOT_FOUND: "
                                + "no payment has this partner reference"))
                        .addApiResponse("405", problem("CALLBACK_METHOD: only POST"))
                        .addApiResponse("409", problem("CALLBACK_REPLAYED: this X-EXTERNAL-ID was used today for another body"))
                        .addApiResponse("413", problem("CALLBACK_TOO_LARGE"))
                        .addApiResponse("415", problem("CALLBACK_NOT_JSON: the body is sent as application/json"))
                        .addApiResponse("503", problem("CALLBACK_NOT_RECORDED: not recorded in time; the partner sends it again")));
    }

    private static Parameter header(String name, boolean required, String description) {
        return new HeaderParameter().name(name).required(required).description(description).schema(new StringSchema());
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(json("application/problem+json", "Problem"));
    }

    private static Content json(String mediaType, String schema) {
        return new Content().addMediaType(mediaType, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
    }

    private static Schema<?> money() {
        return new ObjectSchema().addProperty("value", new StringSchema().example("600000.00"))
                .addProperty("currency", new StringSchema().example("IDR"));
    }

    private static Schema<?> snapNotification() {
        return new ObjectSchema().description("SNAP's transfer notification (BNI, LinkAja, OVO)")
                .addRequiredItem("originalPartnerReferenceNo").addRequiredItem("latestTransactionStatus")
                .addProperty("originalPartnerReferenceNo", new StringSchema().maxLength(64)
                        .description("The platform's reference of the transfer (at most 64 visible ASCII characters)"))
                .addProperty("latestTransactionStatus", new StringSchema()
                        .description("00 paid; 04, 05, 06 failed; anything else still pending"))
                .addProperty("originalReferenceNo", new StringSchema().description("The partner's reference"))
                .addProperty("originalExternalId", new StringSchema())
                .addProperty("serviceCode", new StringSchema().description("17 (BNI transfer) or 38 (e-money top-up)"))
                .addProperty("transactionStatusDesc", new StringSchema())
                .addProperty("amount", money())
                .addProperty("beneficiaryAccountNo", new StringSchema().description("BNI: the credited account"))
                .addProperty("customerNumber", new StringSchema().description("E-wallets: the credited phone"))
                .addProperty("finishedTime", new StringSchema().description("ISO-8601 with offset"));
    }

    private static Schema<?> goPayNotification() {
        return new ObjectSchema().description("GoPay's own notification shape")
                .addRequiredItem("partnerReferenceNo").addRequiredItem("status")
                .addProperty("partnerReferenceNo", new StringSchema().maxLength(64)
                        .description("The platform's reference of the transfer"))
                .addProperty("status", new StringSchema()
                        .description("SETTLEMENT paid; FAILURE, DENY, EXPIRE, CANCEL failed; anything else still pending"))
                .addProperty("transactionId", new StringSchema().description("GoPay's reference"))
                .addProperty("grossAmount", money())
                .addProperty("customerNumber", new StringSchema())
                .addProperty("settlementTime", new StringSchema().description("ISO-8601 with offset"));
    }
}
