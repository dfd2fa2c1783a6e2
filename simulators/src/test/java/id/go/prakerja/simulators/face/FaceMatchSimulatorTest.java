package id.go.prakerja.simulators.face;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static id.go.prakerja.simulators.TestHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;

class FaceMatchSimulatorTest {

    private static String url;

    @BeforeAll
    static void start() {
        url = SharedSimulators.get().baseUrl(Party.FACE_MATCH) + FaceMatchSimulator.MATCH_PATH;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static TestHttp.Response match(String ktp, String selfie) {
        return TestHttp.post(url, """
                {"requestId":"kyc-1","ktpImage":"%s","selfieImage":"%s"}""".formatted(ktp, selfie),
                "Authorization", bearer("face-local-key"));
    }

    @Test
    void identical_images_score_99_and_match() {
        JsonNode json = match(b64("ktp-photo-bytes"), b64("ktp-photo-bytes")).json();
        assertThat(json.get("requestId").asString()).isEqualTo("kyc-1");
        assertThat(json.get("score").asInt()).isEqualTo(99);
        assertThat(json.get("decision").asString()).isEqualTo("MATCH");
    }

    @Test
    void a_selfie_marked_NOMATCH_scores_10_and_does_not_match() {
        JsonNode json = match(b64("ktp"), b64("NOMATCH selfie")).json();
        assertThat(json.get("score").asInt()).isEqualTo(10);
        assertThat(json.get("decision").asString()).isEqualTo("NO_MATCH");
    }

    @Test
    void a_selfie_marked_UNSURE_scores_70_and_is_undecided() {
        JsonNode json = match(b64("ktp"), b64("UNSURE selfie")).json();
        assertThat(json.get("score").asInt()).isEqualTo(70);
        assertThat(json.get("decision").asString()).isEqualTo("UNDECIDED");
    }

    @Test
    void the_same_pair_always_scores_the_same() {
        int first = match(b64("ktp-a"), b64("selfie-a")).json().get("score").asInt();
        int second = match(b64("ktp-a"), b64("selfie-a")).json().get("score").asInt();
        assertThat(second).isEqualTo(first).isBetween(0, 100);
    }

    @Test
    void most_ordinary_pairs_match_and_the_decision_follows_the_score() {
        int matches = 0;
        for (int i = 0; i < 200; i++) {
            int score = FaceMatchSimulator.score(("ktp" + i).getBytes(), ("selfie" + i).getBytes());
            FaceMatchSimulator.Decision d = FaceMatchSimulator.decision(score);
            assertThat(d).isEqualTo(score >= 80 ? FaceMatchSimulator.Decision.MATCH
                    : score >= 60 ? FaceMatchSimulator.Decision.UNDECIDED : FaceMatchSimulator.Decision.NO_MATCH);
            if (d == FaceMatchSimulator.Decision.MATCH) {
                matches++;
            }
        }
        assertThat(matches).isBetween(140, 195);
    }

    @Test
    void images_that_are_not_base64_are_refused_with_400() {
        TestHttp.Response response = match("not base64 !!", b64("x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("ktpImage");
    }

    @Test
    void a_call_without_the_api_key_is_refused_with_401() {
        TestHttp.Response response = TestHttp.post(url, """
                {"requestId":"r","ktpImage":"%s","selfieImage":"%s"}""".formatted(b64("a"), b64("a")));
        assertThat(response.status()).isEqualTo(401);
    }
}
