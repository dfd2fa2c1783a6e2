package id.go.prakerja.simulators.email;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static id.go.prakerja.simulators.TestHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;

class EmailSimulatorTest {

    private static Simulators sims;
    private static String url;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        url = sims.baseUrl(Party.EMAIL) + EmailSimulator.MESSAGES_PATH;
    }

    @AfterEach
    void reset() {
        sims.email().reset();
    }

    private static TestHttp.Response send(String messageId, String to, String text, String key) {
        return TestHttp.post(url, """
                {"messageId":"%s","to":"%s","subject":"Kode verifikasi","text":"%s"}""".formatted(messageId, to, text),
                "Authorization", bearer(key));
    }

    @Test
    void a_message_lands_in_the_mailbox_once_however_often_it_is_sent() {
        assertThat(send("e-1", "Sari@Example.id", "Kode Anda: 482913", "email-local-key").status()).isEqualTo(202);
        assertThat(send("e-1", "Sari@Example.id", "Kode Anda: 482913", "email-local-key").status()).isEqualTo(202);

        assertThat(sims.email().messagesTo("sari@example.id")).hasSize(1);
        assertThat(sims.email().latestCode("sari@example.id")).contains("482913");
        TestHttp.Response mailbox = TestHttp.get(url + "?to=sari@example.id");
        assertThat(mailbox.json().get(0).get("text").asString()).isEqualTo("Kode Anda: 482913");
    }

    @Test
    void the_same_message_id_for_another_message_conflicts_and_bad_input_or_key_is_refused() {
        send("e-2", "a@example.id", "Kode 111111", "email-local-key");

        assertThat(send("e-2", "a@example.id", "Kode 222222", "email-local-key").status()).isEqualTo(409);
        assertThat(send("e-3", "not-an-address", "Kode 333333", "email-local-key").status()).isEqualTo(400);
        assertThat(send("e-4", "a@example.id", "Kode 444444", "wrong-key").status()).isEqualTo(401);
        assertThat(sims.email().messagesTo("a@example.id")).hasSize(1);
    }
}
