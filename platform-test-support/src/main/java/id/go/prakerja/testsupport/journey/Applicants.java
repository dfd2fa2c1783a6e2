package id.go.prakerja.testsupport.journey;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.TestImages;
import tools.jackson.databind.JsonNode;

/**
 * People the simulated Dukcapil knows, registering and verifying themselves through the gateway of a
 * locally running platform as a front end would: reading their codes from the simulated mailbox and
 * handset, and trying again, as an app does, while a service behind the gateway is unavailable.
 */
public final class Applicants {

    private static final HttpApi GATEWAY = HttpApi.at("http://localhost:8080");
    private static final HttpApi DUKCAPIL = HttpApi.at("http://localhost:9000");
    private static final HttpApi SMS = HttpApi.at("http://localhost:9001");
    private static final HttpApi EMAIL = HttpApi.at("http://localhost:9008");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
    private static volatile Duration step = Duration.ofSeconds(90);

    /** One applicant: who they are at Dukcapil, and (after login) their token. */
    public record Applicant(int index, JsonNode resident, String email, String participantId, HttpApi api) {
        public String province() {
            return resident.get("provinceCode").asString();
        }

        public String nik() {
            return resident.get("nik").asString();
        }
    }

    private Applicants() {
    }

    /**
     * How long each step may take (what the platform does after a person's action), and how long a front
     * end keeps trying a request the platform cannot serve for the moment (a service restarting); longer
     * under faults. Applicants registered afterwards keep it.
     */
    public static void patience(Duration perStep) {
        step = perStep;
    }

    /** A client of {@code base} that tries again for as long as the current {@link #patience}. */
    static HttpApi patient(HttpApi base) {
        return base.retrying(step);
    }

    static Duration step() {
        return step;
    }

    /** {@code count} residents, at most two per family card (the registration limit), each phone once. */
    public static List<JsonNode> residents(int count) {
        List<JsonNode> chosen = new ArrayList<>();
        Map<String, Integer> perFamilyCard = new HashMap<>();
        Set<String> phones = new HashSet<>();
        for (int offset = 0; chosen.size() < count; offset += 500) {
            JsonNode page = patient(DUKCAPIL).get("/_control/residents?limit=500&offset=" + offset).json();
            if (page.isEmpty()) {
                throw new IllegalStateException("the simulated population has fewer than " + count + " suitable residents");
            }
            for (JsonNode resident : page) {
                String kk = resident.get("kkNumber").asString();
                if (chosen.size() < count && perFamilyCard.getOrDefault(kk, 0) < 2 && phones.add(resident.get("phone").asString())) {
                    perFamilyCard.merge(kk, 1, Integer::sum);
                    chosen.add(resident);
                }
            }
        }
        return chosen;
    }

    /** Registers with exactly what Dukcapil has on record, then logs in by SMS code. */
    public static Applicant register(int index, JsonNode resident, String jobStatus) {
        String email = "warga" + index + "." + resident.get("nik").asString().substring(12) + "@example.id";
        var response = patient(GATEWAY).post("/api/v1/participants", Map.ofEntries(
                Map.entry("nik", resident.get("nik").asString()), Map.entry("kkNumber", resident.get("kkNumber").asString()),
                Map.entry("fullName", resident.get("fullName").asString()),
                Map.entry("birthPlace", resident.get("birthPlace").asString()),
                Map.entry("birthDate", resident.get("birthDate").asString()), Map.entry("sex", resident.get("sex").asString()),
                Map.entry("email", email), Map.entry("phone", resident.get("phone").asString()),
                Map.entry("address", "Jl. Warga " + index), Map.entry("provinceCode", resident.get("provinceCode").asString()),
                Map.entry("regencyCode", resident.get("regencyCode").asString()), Map.entry("education", "SMA_SMK"),
                Map.entry("jobStatus", jobStatus),
                Map.entry("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE"))));
        // a 409 for this NIK: an earlier try, unanswered while a service restarted, got through
        boolean repeated = response.status() == 409 && response.body().contains("NIK_ALREADY_REGISTERED");
        require(response.status() == 201 || repeated, response);
        String phone = resident.get("phone").asString();
        require(sentOrAlreadySent(patient(GATEWAY).post("/api/v1/auth/otp", Map.of("phone", phone))), "login code for " + index);
        String code = awaitCode(patient(SMS), "/sms/v1/messages?to=", phone, "Kode masuk");
        var token = patient(GATEWAY).post("/api/v1/auth/token", Map.of("phone", phone, "code", code));
        require(token.status() == 200, token);
        HttpApi api = patient(GATEWAY).withToken(token.json().get("accessToken").asString());
        String participantId = repeated ? api.get("/api/v1/participants/me").json().get("participantId").asString()
                : response.json().get("participantId").asString();
        return new Applicant(index, resident, email, participantId, api);
    }

    public static JsonNode myCase(Applicant a) {
        var response = a.api().get("/api/v1/verification/me");
        return response.status() == 200 ? response.json() : null;
    }

    public static void confirmEmail(Applicant a) {
        await().atMost(step).pollInterval(Duration.ofMillis(200)).until(() -> myCase(a) != null);
        require(sentOrAlreadySent(a.api().post("/api/v1/verification/me/email/code", null)), "e-mail code for " + a.index());
        String code = awaitCode(patient(EMAIL), "/email/v1/messages?to=", a.email(), "Kode verifikasi email");
        var confirmed = a.api().post("/api/v1/verification/me/email", Map.of("code", code));
        require(confirmed.status() == 200 || passedBefore(a, confirmed, "EMAIL"), confirmed);
    }

    /** Dukcapil is asked by the platform itself; the applicant only waits. */
    public static void awaitNikPassed(Applicant a) {
        await().atMost(step).pollInterval(Duration.ofMillis(250)).until(() -> "PHONE".equals(myCase(a).path("currentLayer").asString()));
    }

    public static void confirmPhone(Applicant a) {
        require(sentOrAlreadySent(a.api().post("/api/v1/verification/me/phone/code", null)), "phone code for " + a.index());
        String code = awaitCode(patient(SMS), "/sms/v1/messages?to=", a.resident().get("phone").asString(), "Kode verifikasi nomor HP");
        var confirmed = a.api().post("/api/v1/verification/me/phone", Map.of("code", code));
        require(confirmed.status() == 200 || passedBefore(a, confirmed, "PHONE"), confirmed);
    }

    /** The same photo twice is a certain match; a selfie marked UNSURE leaves the decision to an operator. */
    public static void uploadKyc(Applicant a, boolean unsure) {
        byte[] ktp = TestImages.jpeg("KTP " + a.participantId(), 4_000);
        byte[] selfie = unsure ? TestImages.jpeg("UNSURE " + a.participantId(), 4_000) : ktp;
        var uploaded = a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", ktp, "selfie", selfie));
        require(uploaded.status() == 202 || passedBefore(a, uploaded, "KYC"), uploaded);
        String expected = unsure ? "IN_REVIEW" : "VERIFIED";
        await().atMost(step).pollInterval(Duration.ofMillis(250)).until(() -> expected.equals(myCase(a).path("status").asString()));
    }

    /**
     * A code was sent: now (202), or by a request repeated after its answer was lost, whose resend the
     * platform now holds back (429): the code already sent is in the inbox.
     */
    private static boolean sentOrAlreadySent(HttpApi.Response response) {
        return response.status() == 202 || response.status() == 429;
    }

    /**
     * The platform says this layer is not the current one (409 LAYER_NOT_CURRENT) because an earlier try of
     * the same request, whose answer was lost while a service restarted, already passed it.
     */
    private static boolean passedBefore(Applicant a, HttpApi.Response response, String layer) {
        return response.status() == 409 && response.body().contains("LAYER_NOT_CURRENT")
                && !layer.equals(myCase(a).path("currentLayer").asString());
    }

    /** The newest message to the recipient that starts as expected, and the 6-digit code in it. */
    private static String awaitCode(HttpApi inbox, String query, String recipient, String startsWith) {
        String path = query + URLEncoder.encode(recipient, StandardCharsets.UTF_8);
        String[] code = new String[1];
        await().atMost(step).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode message : inbox.get(path).json()) {
                String text = message.has("subject") ? message.get("subject").asString() : message.get("text").asString();
                if (text.startsWith(startsWith)) {
                    Matcher m = CODE.matcher(text);
                    if (m.find()) {
                        code[0] = m.group(1);
                        return true;
                    }
                }
            }
            return false;
        });
        return code[0];
    }

    private static void require(boolean condition, Object what) {
        if (!condition) {
            throw new AssertionError(String.valueOf(what));
        }
    }
}
