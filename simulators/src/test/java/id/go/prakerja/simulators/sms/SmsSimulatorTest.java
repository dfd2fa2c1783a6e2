package id.go.prakerja.simulators.sms;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static id.go.prakerja.simulators.TestHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;

class SmsSimulatorTest {

    private static final String PHONE = "+6281234567890";

    private static Simulators sims;
    private static String url;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        url = sims.baseUrl(Party.SMS) + SmsSimulator.MESSAGES_PATH;
    }

    @AfterEach
    void reset() {
        sims.sms().reset();
    }

    private static TestHttp.Response send(String messageId, String to, String text) {
        return TestHttp.post(url, """
                {"messageId":"%s","to":"%s","text":"%s"}""".formatted(messageId, to, text),
                "Authorization", bearer("sms-local-key"));
    }

    @Test
    void a_message_to_an_indonesian_mobile_is_accepted_and_lands_in_the_inbox() {
        TestHttp.Response response = send("m-1", PHONE, "Kode OTP Prakerja Anda: 483920. Jangan berikan kepada siapa pun.");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("messageId").asString()).isEqualTo("m-1");
        assertThat(response.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(sims.messagesTo(PHONE)).singleElement().satisfies(m -> assertThat(m.text()).contains("483920"));
        assertThat(sims.sms().latestCode(PHONE)).contains("483920");
    }

    @Test
    void sending_the_same_message_id_twice_answers_the_same_and_delivers_once() {
        TestHttp.Response first = send("m-2", PHONE, "Kode OTP: 111111");
        TestHttp.Response second = send("m-2", PHONE, "Kode OTP: 111111");

        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(sims.messagesTo(PHONE)).hasSize(1);
    }

    @Test
    void reusing_a_message_id_for_another_text_is_a_conflict() {
        send("m-3", PHONE, "Kode OTP: 111111");
        assertThat(send("m-3", PHONE, "Kode OTP: 222222").status()).isEqualTo(409);
        assertThat(sims.messagesTo(PHONE)).hasSize(1);
    }

    @Test
    void numbers_not_in_indonesian_mobile_e164_format_are_refused_with_400() {
        assertThat(send("a", "081234567890", "x").status()).as("national format").isEqualTo(400);
        assertThat(send("b", "+442071234567", "x").status()).as("foreign").isEqualTo(400);
        assertThat(send("c", "+62215551234", "x").status()).as("Jakarta landline").isEqualTo(400);
        TestHttp.Response response = send("d", "+62812", "x");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(sims.sms().allMessages()).isEmpty();
    }

    @Test
    void sending_without_the_api_key_is_refused_with_401() {
        TestHttp.Response response = TestHttp.post(url, """
                {"messageId":"x","to":"%s","text":"hi"}""".formatted(PHONE), "Authorization", bearer("nope"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(sims.sms().allMessages()).isEmpty();
    }

    @Test
    void the_inbox_lists_messages_newest_first_even_with_an_unencoded_plus() {
        send("m-4", PHONE, "pertama 1111");
        send("m-5", PHONE, "kedua 2222");
        send("m-6", "+6285700001111", "other person");

        JsonNode inbox = TestHttp.get(url + "?to=" + PHONE).json(); // '+' arrives as a space
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.get(0).get("messageId").asString()).isEqualTo("m-5");
        assertThat(inbox.get(0).get("to").asString()).isEqualTo(PHONE);
        assertThat(inbox.get(0).get("receivedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(TestHttp.get(url + "?to=%2B6281234567890").json().size()).isEqualTo(2);
        assertThat(sims.sms().latestCode("081234567890")).contains("2222");
    }
}
