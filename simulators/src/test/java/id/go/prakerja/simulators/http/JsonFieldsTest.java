package id.go.prakerja.simulators.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return JsonFields.of(Json.read(json.getBytes()));
    }

    @Test
    void every_field_error_is_collected_before_refusing() {
        JsonFields f = fields("{\"a\":\"  \",\"n\":\"x\",\"u\":\"ftp://host/x\",\"d\":\"2020-13-01\"}");
        f.requiredText("a");
        f.optionalInt("n", 0, 10);
        f.optionalUrl("u");
        f.requiredDate("d");
        f.requiredText("missing");

        assertThat(f.errors()).extracting(FieldError::field).containsExactly("a", "n", "u", "d", "missing");
        assertThat(f.errors()).extracting(FieldError::missing).containsExactly(true, false, false, false, true);
        assertThatThrownBy(f::throwIfInvalid).isInstanceOfSatisfying(HttpFailure.class,
                e -> assertThat(e.response().status()).isEqualTo(400));
    }

    @Test
    void numbers_are_accepted_where_text_is_expected_and_dotted_paths_reach_nested_fields() {
        JsonFields f = fields("{\"id\":12345,\"amount\":{\"value\":\"1.00\"},\"ok\":true}");
        assertThat(f.requiredText("id")).isEqualTo("12345");
        assertThat(f.requiredText("amount.value")).isEqualTo("1.00");
        assertThat(f.optionalBoolean("ok", false)).isTrue();
        assertThat(f.requiredUrl("nope")).isNull();
        assertThat(f.errors()).singleElement().extracting(FieldError::field).isEqualTo("nope");
    }

    @Test
    void a_body_that_is_not_an_object_is_a_400() {
        assertThatThrownBy(() -> fields("[1,2]")).isInstanceOf(HttpFailure.class);
        assertThatThrownBy(() -> Json.read(new byte[0])).isInstanceOf(HttpFailure.class);
    }
}
