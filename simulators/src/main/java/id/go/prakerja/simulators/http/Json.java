package id.go.prakerja.simulators.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One shared, configured Jackson 3 mapper and the few JSON operations the simulators need. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // ISO-8601 strings for dates and instants: what every real partner sends
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // partners add fields over time; a simulator must not choke on them either
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a request body; malformed JSON is the caller's fault, so it becomes a 400 problem. */
    public static JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw HttpFailure.badRequest("Request body is empty; a JSON object is expected", java.util.List.of());
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw HttpFailure.badRequest("Request body is not valid JSON: " + e.getOriginalMessage(), java.util.List.of());
        }
    }

    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }
}
