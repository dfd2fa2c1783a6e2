package id.go.prakerja.simulators.dukcapil;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import id.go.prakerja.simulators.population.Resident;
import id.go.prakerja.simulators.population.Sex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static id.go.prakerja.simulators.TestHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;

class DukcapilSimulatorTest {

    private static Simulators sims;
    private static String url;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        url = sims.baseUrl(Party.DUKCAPIL) + DukcapilSimulator.VERIFY_PATH;
    }

    @AfterEach
    void reset() {
        sims.dukcapil().reset();
    }

    private static TestHttp.Response verify(String body) {
        return TestHttp.post(url, body, "Authorization", bearer("dukcapil-local-key"));
    }

    private static String request(Resident r, String fullName) {
        return """
                {"requestId":"req-1","nik":"%s","kkNumber":"%s","fullName":"%s","birthPlace":"%s",
                 "birthDate":"%s","threshold":90}""".formatted(r.nik(), r.kkNumber(), fullName, r.birthPlace(), r.birthDate());
    }

    @Test
    void a_resident_declaring_their_own_data_matches_on_every_field() {
        Resident r = sims.resident(0);
        TestHttp.Response response = verify(request(r, r.fullName()));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("requestId").asString()).isEqualTo("req-1");
        assertThat(json.get("found").asBoolean()).isTrue();
        assertThat(json.get("verdict").asString()).isEqualTo("MATCH");
        for (String field : new String[]{"nik", "kkNumber", "fullName", "birthPlace", "birthDate"}) {
            assertThat(json.at("/fields/" + field + "/match").asBoolean()).as(field).isTrue();
            assertThat(json.at("/fields/" + field + "/percentage").asInt()).as(field).isEqualTo(100);
        }
    }

    @Test
    void a_small_typo_in_the_name_still_matches_but_scores_below_100() {
        Resident r = sims.dukcapil().residents().stream().filter(x -> x.fullName().length() >= 12).findFirst().orElseThrow();
        String typo = r.fullName().substring(0, 3) + "X" + r.fullName().substring(4);

        JsonNode json = verify(request(r, typo.toLowerCase())).json();

        int percentage = json.at("/fields/fullName/percentage").asInt();
        assertThat(percentage).isBetween(90, 99);
        assertThat(json.get("verdict").asString()).isEqualTo("MATCH");
    }

    @Test
    void another_persons_name_gives_no_match_with_its_percentage() {
        Resident r = sims.resident(0);
        JsonNode json = verify(request(r, "ZAINUDDIN MAHMUD HASIBUAN")).json();

        assertThat(json.get("verdict").asString()).isEqualTo("NO_MATCH");
        assertThat(json.at("/fields/fullName/match").asBoolean()).isFalse();
        assertThat(json.at("/fields/fullName/percentage").asInt()).isLessThan(90);
        assertThat(json.at("/fields/nik/match").asBoolean()).isTrue();
    }

    @Test
    void a_wrong_birth_date_or_kk_number_is_no_match() {
        Resident r = sims.resident(1);
        String body = request(r, r.fullName()).replace(r.birthDate().toString(), r.birthDate().plusDays(1).toString());
        JsonNode json = verify(body).json();
        assertThat(json.get("verdict").asString()).isEqualTo("NO_MATCH");
        assertThat(json.at("/fields/birthDate/percentage").asInt()).isZero();
    }

    @Test
    void the_threshold_decides_what_counts_as_a_match() {
        Resident r = sims.resident(0);
        String almost = r.fullName() + "XX";
        String strict = request(r, almost).replace("\"threshold\":90", "\"threshold\":100");
        assertThat(verify(strict).json().get("verdict").asString()).isEqualTo("NO_MATCH");
        String lenient = request(r, almost).replace("\"threshold\":90", "\"threshold\":50");
        assertThat(verify(lenient).json().get("verdict").asString()).isEqualTo("MATCH");
    }

    @Test
    void an_unknown_nik_is_not_found() {
        JsonNode json = verify("""
                {"requestId":"r","nik":"3174051505900999","fullName":"BUDI"}""").json();
        assertThat(json.get("found").asBoolean()).isFalse();
        assertThat(json.get("verdict").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void a_call_without_the_api_key_is_refused_with_401() {
        TestHttp.Response none = TestHttp.post(url, request(sims.resident(0), "X"));
        TestHttp.Response wrong = TestHttp.post(url, request(sims.resident(0), "X"), "Authorization", bearer("guess"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void invalid_fields_are_refused_with_400_listing_each_field() {
        TestHttp.Response response = verify("""
                {"nik":"12345","birthDate":"15-05-1990","threshold":101}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("requestId", "nik", "birthDate", "threshold");
    }

    @Test
    void malformed_json_is_a_400_problem_not_a_500() {
        TestHttp.Response response = verify("{not json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asString()).isEqualTo("Bad Request");
    }

    @Test
    void a_resident_added_over_http_is_then_known_and_listed() {
        String nik = "3273015505950001"; // Bandung, woman born 15 May 1995
        TestHttp.Response added = TestHttp.post(sims.baseUrl(Party.DUKCAPIL) + "/_control/residents", """
                {"nik":"%s","fullName":"Siti Aminah","kkNumber":"3273010101200001","phone":"081299990000"}""".formatted(nik));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("sex").asString()).isEqualTo("FEMALE");
        assertThat(added.json().get("birthDate").asString()).isEqualTo("1995-05-15");
        assertThat(added.json().get("phone").asString()).isEqualTo("+6281299990000");

        JsonNode verdict = verify("""
                {"requestId":"r","nik":"%s","fullName":"SITI AMINAH","birthDate":"1995-05-15","birthPlace":"KOTA BANDUNG"}"""
                .formatted(nik)).json();
        assertThat(verdict.get("verdict").asString()).isEqualTo("MATCH");

        JsonNode listed = TestHttp.get(sims.baseUrl(Party.DUKCAPIL) + "/_control/residents?nik=" + nik).json();
        assertThat(listed.get(0).get("fullName").asString()).isEqualTo("SITI AMINAH");
        assertThat(sims.dukcapil().residentByNik(nik)).map(Resident::sex).contains(Sex.FEMALE);
    }

    @Test
    void an_invalid_nik_cannot_be_added() {
        TestHttp.Response response = TestHttp.post(sims.baseUrl(Party.DUKCAPIL) + "/_control/residents", """
                {"nik":"9999013202950000","fullName":"X"}""");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void residents_are_listed_over_http_with_a_limit() {
        JsonNode list = TestHttp.get(sims.baseUrl(Party.DUKCAPIL) + "/_control/residents?limit=3").json();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(2).get("nik").asString()).isEqualTo(sims.resident(2).nik());
    }

    @Test
    void reset_forgets_added_residents() {
        int before = sims.residents().size();
        Resident copy = sims.resident(0);
        sims.dukcapil().addResident(new Resident("3174014101900001", copy.kkNumber(), "ANI", Sex.FEMALE, "JAKARTA",
                java.time.LocalDate.of(1990, 1, 1), "31", "DKI JAKARTA", "3174", "KOTA JAKARTA BARAT", null));
        assertThat(sims.residents()).hasSize(before + 1);
        sims.dukcapil().reset();
        assertThat(sims.residents()).hasSize(before);
    }

    @Test
    void names_compare_without_case_punctuation_or_accents() {
        assertThat(Similarity.percentage("M. Yusuf", "M YUSUF")).isEqualTo(100);
        assertThat(Similarity.percentage("José", "JOSE")).isEqualTo(100);
        assertThat(Similarity.percentage("BUDI SANTOSO", "BUDI SANTOSA")).isEqualTo(91);
        assertThat(Similarity.placePercentage("Kota Bandung", "BANDUNG")).isEqualTo(100);
    }
}
