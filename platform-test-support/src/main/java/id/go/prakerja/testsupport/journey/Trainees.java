package id.go.prakerja.testsupport.journey;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.go.prakerja.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Selected participants spending their balance, learning on a training platform, rating and reviewing, linking a
 * payout account and answering a survey, as a front end and the outside parties would: through the gateway, the
 * simulated training platforms' learner page and the simulated payment partners.
 */
public final class Trainees {

    private static final HttpApi PLATFORMS = HttpApi.at("http://localhost:9007");
    /** The simulated payment partners, each on its own port. */
    public static final Map<String, HttpApi> PARTNERS = Map.of("BNI", HttpApi.at("http://localhost:9003"),
            "LINKAJA", HttpApi.at("http://localhost:9004"), "OVO", HttpApi.at("http://localhost:9005"),
            "GOPAY", HttpApi.at("http://localhost:9006"));

    private Trainees() {
    }

    /** The best-rated training the balance pays for, bought; the answer carries the voucher code. */
    public static JsonNode buyTheBestRatedTraining(Applicants.Applicant a) {
        var page = a.api().get("/api/v1/trainings?sort=rating&maxPrice=1000000&size=20");
        require(page.status() == 200, page);
        List<JsonNode> trainings = new ArrayList<>();
        page.json().get("items").forEach(trainings::add);
        require(!trainings.isEmpty(), "an empty catalogue");
        for (int i = 1; i < trainings.size(); i++) {
            require(rating(trainings.get(i - 1)) >= rating(trainings.get(i)),
                    "sorted by rating: " + page.body());
        }
        // participants do not all pick the same one
        JsonNode chosen = trainings.get(a.index() % trainings.size());
        var bought = a.api().post("/api/v1/purchases", Map.of("trainingId", chosen.get("trainingId").asString()));
        if (bought.status() != 201) {
            // an earlier try, whose answer was lost while a service restarted, may have bought it
            JsonNode mine = a.api().get("/api/v1/purchases").json();
            require(mine.size() > 0, bought);
            return mine.get(0);
        }
        require(bought.json().get("voucherCode").asString().length() >= 6, bought);
        return bought.json();
    }

    private static double rating(JsonNode training) {
        JsonNode rating = training.path("averageRating");
        return rating.isNumber() ? rating.asDouble() : 0;
    }

    /** At the platform's site the learner redeems the voucher; the platform reports progress and completion itself. */
    public static void learn(Applicants.Applicant a, JsonNode purchase) {
        var redeemed = Applicants.patient(PLATFORMS).post("/platforms/v1/learners/redeem", Map.of("platformCode",
                purchase.get("platformCode").asString(), "voucherCode", purchase.get("voucherCode").asString(),
                "reportAfterMillis", 300, "progressSteps", List.of(50),
                // as a real platform, it keeps trying a report we cannot take for a while (up to ~17 minutes)
                "maxAttempts", 11, "backoffMillis", 1000));
        // an earlier try, whose answer was lost while the marketplace restarted, may have redeemed it
        require(redeemed.status() / 100 == 2 || redeemed.body().contains("VOUCHER_ALREADY_REDEEMED"), redeemed);
        String path = "/api/v1/purchases/" + purchase.get("purchaseId").asString();
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(a.api().get(path).json().get("status").asString()));
        require(a.api().get(path).json().get("missing").toString().contains("RATING"), "rating missing");
    }

    /** Rates and reviews; with the certificate already there, the purchase is reconciled. */
    public static void rateAndReview(Applicants.Applicant a, JsonNode purchase, boolean review) {
        String path = "/api/v1/purchases/" + purchase.get("purchaseId").asString();
        var rated = a.api().send("PUT", path + "/rating", Map.of("rating", 4 + a.index() % 2), Map.of());
        require(rated.status() == 200, rated);
        if (!review) {
            return;
        }
        var reviewed = a.api().send("PUT", path + "/review",
                Map.of("text", "Materinya jelas dan langsung bisa dipakai untuk melamar kerja."), Map.of());
        require(reviewed.status() == 200, reviewed);
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "RECONCILED".equals(a.api().get(path).json().get("status").asString()));
    }

    /**
     * Links an account the participant holds: a KYC'd, active one a simulated partner already has for their NIK,
     * or else a GoPay wallet opened for them at the partner (as a person would open one), and waits for the verdict.
     */
    public static String linkAnAccount(Applicants.Applicant a) {
        String nik = a.resident().get("nik").asString();
        Map<String, Object> link = null;
        for (String partner : List.of("BNI", "OVO", "GOPAY", "LINKAJA")) {
            for (JsonNode account : PARTNERS.get(partner).get("/_control/accounts?nik=" + nik).json()) {
                if (account.get("kycUpgraded").asBoolean() && account.get("active").asBoolean()) {
                    link = partner.equals("BNI")
                            ? Map.of("partner", partner, "accountNumber", account.get("accountNumber").asString())
                            : Map.of("partner", partner, "phone", a.resident().get("phone").asString());
                    break;
                }
            }
            if (link != null) {
                break;
            }
        }
        if (link == null) {
            String national = "0" + a.resident().get("phone").asString().substring(3);
            var opened = PARTNERS.get("GOPAY").post("/_control/accounts", Map.of("phone", national,
                    "ownerName", a.resident().get("fullName").asString(), "nik", nik));
            require(opened.status() / 100 == 2, opened);
            link = Map.of("partner", "GOPAY", "phone", a.resident().get("phone").asString());
        }
        var requested = a.api().post("/api/v1/payout-account", link);
        // 409 ACCOUNT_ALREADY_LINKED: an earlier try, whose answer was lost, linked it
        require(requested.status() == 202 || requested.body().contains("ACCOUNT_ALREADY_LINKED"), requested);
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !"PENDING".equals(a.api().get("/api/v1/payout-account").json().get("status").asString()));
        var decided = a.api().get("/api/v1/payout-account").json();
        require("VERIFIED".equals(decided.get("status").asString()), decided);
        return (String) link.get("partner");
    }

    /** The first post-training tranche of Rp600,000, paid (on the demo schedule's next payout date). */
    public static JsonNode awaitFirstTranchePaid(Applicants.Applicant a) {
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "PAID".equals(a.api().get("/api/v1/incentives/me").json().get("postTraining").get(0).get("status").asString()));
        return a.api().get("/api/v1/incentives/me").json();
    }

    /** Survey 1 opens with the first paid tranche; the participant answers it and its Rp50,000 is paid. */
    public static void answerTheFirstSurveyAndArePaidForIt(Applicants.Applicant a) {
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "OPEN".equals(a.api().get("/api/v1/surveys/me").json().get(0).get("status").asString()));
        var answered = a.api().post("/api/v1/surveys/me/1/response", Map.of("answers", Map.of("relevance", 4,
                "quality", 5, "completed_all", "YES", "skills", List.of("DIGITAL"))));
        require(answered.status() == 201, answered);
        await().atMost(Applicants.step().plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "PAID".equals(a.api().get("/api/v1/incentives/me").json().get("surveys").get(0).get("status").asString()));
    }

    /**
     * Waits until survey {@code number} opens (checking every {@code poll}), then answers every question it
     * asks: the middle of a scale, the first option of a choice, a short text.
     */
    public static void answerSurvey(Applicants.Applicant a, int number, Duration poll) {
        JsonNode[] survey = new JsonNode[1];
        await().atMost(Applicants.step().plusMinutes(5)).pollInterval(poll).until(() -> {
            for (JsonNode s : a.api().get("/api/v1/surveys/me").json()) {
                if (s.get("number").asInt() == number && "OPEN".equals(s.get("status").asString())) {
                    survey[0] = s;
                    return true;
                }
            }
            return false;
        });
        Map<String, Object> answers = new HashMap<>();
        for (JsonNode question : survey[0].get("questions")) {
            JsonNode options = question.get("options");
            answers.put(question.get("id").asString(), switch (question.get("type").asString()) {
                case "SCALE_1_5" -> 3;
                case "SINGLE_CHOICE" -> options.get(0).asString();
                case "MULTIPLE_CHOICE" -> List.of(options.get(0).asString());
                default -> "Bermanfaat untuk pekerjaan saya.";
            });
        }
        var answered = a.api().post("/api/v1/surveys/me/" + number + "/response", Map.of("answers", answers));
        require(answered.status() == 201, answered);
    }

    /** Every transfer each simulated partner credited, by our partner reference: the partners' own ledgers. */
    public static Map<String, Integer> creditsByReference() {
        Map<String, Integer> credits = new HashMap<>();
        for (HttpApi partner : PARTNERS.values()) {
            for (int offset = 0; ; offset += 1_000) {
                JsonNode page = partner.get("/_control/payments?limit=1000&offset=" + offset).json();
                JsonNode items = page.get("items");
                for (JsonNode payment : items) {
                    if ("SUCCESS".equals(payment.get("status").asString())) {
                        credits.merge(payment.get("partnerReferenceNo").asString(), 1, Integer::sum);
                    }
                }
                if (items.size() < 1_000) {
                    break;
                }
            }
        }
        return credits;
    }

    /** Our payments as the gateway's operators see them: instruction id, partner reference and status. */
    public static List<JsonNode> payments(HttpApi operator) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode content = operator.get("/admin/payments?size=500&page=" + page).json();
            JsonNode items = content.get("items");
            items.forEach(all::add);
            if (items.size() < 500) {
                return all;
            }
        }
    }

    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, Object what) {
        if (!condition) {
            throw new AssertionError(String.valueOf(what));
        }
    }
}
