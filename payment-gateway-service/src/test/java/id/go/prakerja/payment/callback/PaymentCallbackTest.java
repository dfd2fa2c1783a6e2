package id.go.prakerja.payment.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;
import id.go.prakerja.testsupport.HttpApi;

/**
 * Partner notifications: verified with the partner's own SNAP scheme, and only ever a hint. A
 * forged, stale, replayed or cross-partner notification is refused and changes nothing; early,
 * late, duplicated, out-of-order or lost notifications all end in the state the inquiry finds.
 */
class PaymentCallbackTest extends PaymentGatewayServiceTest {

    @Autowired
    id.go.prakerja.payment.disbursement.PaymentWorkers workers;
    @Autowired
    id.go.prakerja.payment.disbursement.OutcomeWriter writer;
    @Autowired
    PaymentNotifications callbacks;

    private static final String PATH = "/partner/payments/linkaja/callback";

    /**
     * External ids far above any the simulators number their own notifications with (they count up from 1,000), so
     * a notification a simulator sent for another test's payment can never share one with these.
     */
    private static final AtomicLong EXTERNAL_IDS = new AtomicLong(7_000_000_000_000_000L
            + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));

    private static String externalId() {
        return String.valueOf(EXTERNAL_IDS.incrementAndGet());
    }

    private static String body(String reference, String status) {
        return """
                {"originalPartnerReferenceNo":"%s","latestTransactionStatus":"%s","serviceCode":"38"}""".formatted(reference, status);
    }

    private HttpApi.Response post(String path, String body, String partnerId, String secret, Instant at, String externalId) {
        String timestamp = SnapSignatures.timestamp(at);
        return HttpApi.at("http://localhost:" + port).send("POST", path, body == null ? null : new String(body), Map.of(
                "Content-Type", "application/json",
                "X-PARTNER-ID", partnerId,
                "X-TIMESTAMP", timestamp,
                "X-EXTERNAL-ID", externalId,
                "X-SIGNATURE", SnapSignatures.serviceSignature(secret, "POST", path, "", body, timestamp)));
    }

    private java.net.http.HttpResponse<String> raw(String method, String path) {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void forged_stale_and_cross_partner_notifications_are_refused_and_change_nothing() {
        Payment pending = pendingAtLinkAja();
        String paid = body(pending.partnerReferenceNo(), "00");
        // nothing else moves the payment meanwhile: any change is the notifications' doing
        workers.stop();
        writer.stop(); // every answer already received is written before the test reads the payment
        writer.start();
        try {
            refusedAndUnchanged(pending, paid);
        } finally {
            workers.start();
        }
    }

    private void refusedAndUnchanged(Payment pending, String paid) {
        Payment before = ledger.find(pending.instructionId()).orElseThrow();
        List<String> ids = List.of(externalId(), externalId(), externalId(), externalId(), externalId(), externalId());

        var forged = post(PATH, paid, "linkaja-local-client", "not-the-secret", Instant.now(), ids.get(0));
        var stale = post(PATH, paid, "linkaja-local-client", "linkaja-local-secret", Instant.now().minus(Duration.ofMinutes(6)), ids.get(1));
        var future = post(PATH, paid, "linkaja-local-client", "linkaja-local-secret", Instant.now().plus(Duration.ofMinutes(6)), ids.get(2));
        // GoPay's credentials, sent to LinkAja's endpoint, and LinkAja's id signed with GoPay's secret
        var crossPartner = post(PATH, paid, "gopay-local-client", "gopay-local-secret", Instant.now(), ids.get(3));
        var crossSecret = post(PATH, paid, "linkaja-local-client", "gopay-local-secret", Instant.now(), ids.get(4));
        var alteredBody = HttpApi.at("http://localhost:" + port).send("POST", PATH, body(pending.partnerReferenceNo(), "06"),
                signedHeaders(PATH, paid, ids.get(5)));
        var lettersAsId = post(PATH, paid, "linkaja-local-client", "linkaja-local-secret", Instant.now(), "abc");

        for (HttpApi.Response r : new HttpApi.Response[] {forged, stale, future, crossPartner, crossSecret, alteredBody, lettersAsId}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.json().get("code").asString()).isEqualTo("CALLBACK_REFUSED");
        }
        Payment after = ledger.find(pending.instructionId()).orElseThrow();
        assertThat(after.status()).isEqualTo(PaymentStatus.PENDING_AT_PARTNER);
        // not made due for an inquiry, not touched at all
        assertThat(after.dueAt()).isEqualTo(before.dueAt());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(jdbc.queryForObject("select count(*) from payment_callback_receipt where external_id in (?,?,?,?,?,?,'abc')",
                Integer.class, ids.toArray())).isZero();
    }

    private Map<String, String> signedHeaders(String path, String signedBody, String externalId) {
        String timestamp = SnapSignatures.timestamp(Instant.now());
        return Map.of("Content-Type", "application/json", "X-PARTNER-ID", "linkaja-local-client", "X-TIMESTAMP", timestamp,
                "X-EXTERNAL-ID", externalId, "X-SIGNATURE",
                SnapSignatures.serviceSignature("linkaja-local-secret", "POST", path, "", signedBody, timestamp));
    }

    @Test
    void a_notification_that_lies_about_the_outcome_is_only_a_hint_and_the_inquiry_decides() {
        Payment pending = pendingAtLinkAja();
        String notificationId = externalId();
        // correctly signed, but the transfer is still pending at LinkAja
        var claimsPaid = post(PATH, body(pending.partnerReferenceNo(), "00"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), notificationId);
        assertThat(claimsPaid.status()).isEqualTo(200);
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() ->
                ledger.find(pending.instructionId()).orElseThrow().status() == PaymentStatus.PENDING_AT_PARTNER);

        // the same notification again (a replay) is acknowledged and changes nothing; another body under its id is refused
        var replay = post(PATH, body(pending.partnerReferenceNo(), "00"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), notificationId);
        assertThat(replay.status()).isEqualTo(200);
        var reused = post(PATH, body(pending.partnerReferenceNo(), "06"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), notificationId);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asString()).isEqualTo("CALLBACK_REPLAYED");
        // the same answers when they come from the database (another replica, or after a restart)
        callbacks.forgetRecordedNotifications();
        assertThat(post(PATH, body(pending.partnerReferenceNo(), "00"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), notificationId).status()).isEqualTo(200);
        callbacks.forgetRecordedNotifications();
        var reusedAgain = post(PATH, body(pending.partnerReferenceNo(), "06"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), notificationId);
        assertThat(reusedAgain.status()).isEqualTo(409);
        assertThat(reusedAgain.json().get("code").asString()).isEqualTo("CALLBACK_REPLAYED");
        assertThat(ledger.find(pending.instructionId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING_AT_PARTNER);

        // once the partner settles, its (real) notification makes the gateway ask at once
        sim(PayoutPartner.LINKAJA).callbackMode(CallbackMode.NORMAL);
        sim(PayoutPartner.LINKAJA).settlePending();
        Payment paid = awaitStatus(pending.instructionId(), PaymentStatus.SUCCEEDED);
        assertThat(credits(PayoutPartner.LINKAJA, paid.partnerReferenceNo())).isEqualTo(1);
    }

    @Test
    void duplicated_out_of_order_delayed_and_badly_signed_notifications_all_end_in_the_partners_state() {
        String account = newAccount(PayoutPartner.GOPAY);
        var modes = new CallbackMode[] {CallbackMode.DUPLICATED, CallbackMode.OUT_OF_ORDER, CallbackMode.BAD_SIGNATURE,
                CallbackMode.DELAYED, CallbackMode.LOST};
        sim(PayoutPartner.GOPAY).pendingPercent(100);
        sim(PayoutPartner.GOPAY).settleAfter(Duration.ofMillis(100));
        sim(PayoutPartner.GOPAY).callbackDelay(Duration.ofMillis(1500));
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (CallbackMode mode : modes) {
            sim(PayoutPartner.GOPAY).callbackMode(mode);
            var request = disbursement(PayoutPartner.GOPAY, account, 50_000);
            publish(request);
            ids.add(request.payload().instructionId());
            // it went pending (a notification and the inquiry it brings may end that within a poll of this test)
            await().atMost(WAIT).until(() -> transitions(request.payload().instructionId()).stream()
                    .anyMatch(t -> t.endsWith(">PENDING_AT_PARTNER")));
        }
        for (String id : ids) {
            Payment p = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(credits(PayoutPartner.GOPAY, p.partnerReferenceNo())).isEqualTo(1);
            assertThat(transitions(id)).endsWith("PENDING_AT_PARTNER>SUCCEEDED");
        }
        assertThat(sim(PayoutPartner.GOPAY).callbacks()).anyMatch(c -> c.httpStatus() == 401); // the badly signed one
    }

    @Test
    void a_notification_for_an_unknown_partner_or_payment_is_refused() {
        var unknownPartner = post("/partner/payments/dana/callback", body("PKX", "00"), "dana", "x", Instant.now(), externalId());
        assertThat(unknownPartner.status()).isEqualTo(404);
        var unknownPayment = post(PATH, body("PK-never-sent", "00"), "linkaja-local-client", "linkaja-local-secret",
                Instant.now(), externalId());
        assertThat(unknownPayment.status()).isEqualTo(404);
        var notJson = post(PATH, "{not json", "linkaja-local-client", "linkaja-local-secret", Instant.now(), externalId());
        assertThat(notJson.status()).isEqualTo(400);
        var api = HttpApi.at("http://localhost:" + port);
        var form = api.sendRaw("POST", PATH, "a=b".getBytes(), Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("code").asString()).isEqualTo("CALLBACK_NOT_JSON");
        var huge = api.sendRaw("POST", PATH, new byte[PaymentCallbackEndpoint.MAX_BODY_BYTES + 1],
                Map.of("Content-Type", "application/json"));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.contentType()).contains("application/problem+json");
        // a reference is at most 64 visible ASCII characters: anything else is unreadable, a NUL (which PostgreSQL
        // could not store) too
        for (String reference : List.of("PK\\u0000x", "PK 1", "PKé1", "P".repeat(65))) {
            var odd = post(PATH, body(reference, "00"), "linkaja-local-client", "linkaja-local-secret", Instant.now(),
                    externalId());
            assertThat(odd.status()).as(reference).isEqualTo(400);
            assertThat(odd.json().get("code").asString()).isEqualTo("CALLBACK_UNREADABLE");
        }
        // another method on the notification path: 405, with what is allowed
        var get = raw("GET", PATH);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(get.body()).contains("CALLBACK_METHOD");
        // every answer of the endpoint carries the security chain's headers, though it runs ahead of that chain
        for (var answer : List.of(get, raw("POST", PATH))) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        }
        // other paths under /partner/payments go down the usual chain
        assertThat(api.sendRaw("POST", "/partner/payments/linkaja/other", "{}".getBytes(),
                Map.of("Content-Type", "application/json")).status()).isIn(401, 403, 404);
    }

    @Test
    void notifications_arriving_at_once_are_recorded_as_one_by_one_copies_acknowledged_and_a_reused_id_refused()
            throws Exception {
        Payment pending = pendingAtLinkAja();
        String copied = externalId();
        String contested = externalId();
        String paid = body(pending.partnerReferenceNo(), "00");
        String failed = body(pending.partnerReferenceNo(), "06");
        // the contested id's bodies differ from the copied one: the same body signed in the same second is the same
        // signed notification, a copy of it whatever its external id
        String contestedPaid = body(pending.partnerReferenceNo(), "00").replace("}", ",\"note\":\"contested\"}");
        record Sent(String externalId, String body) {
        }
        List<Sent> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sends.add(new Sent(copied, paid));
        }
        for (int i = 0; i < 6; i++) {
            sends.add(new Sent(contested, i % 2 == 0 ? contestedPaid : failed));
        }
        List<String> unknownIds = List.of(externalId(), externalId(), externalId(), externalId(), externalId(), externalId());
        for (String id : unknownIds) {
            sends.add(new Sent(id, body("PK-never-sent-" + id, "00")));
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(sends.size());
        try {
            List<java.util.concurrent.Future<HttpApi.Response>> answers = new java.util.ArrayList<>();
            for (Sent sent : sends) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(PATH, sent.body(), "linkaja-local-client", "linkaja-local-secret", Instant.now(),
                            sent.externalId());
                }));
            }
            start.countDown();
            Map<String, List<Integer>> statuses = new java.util.HashMap<>();
            for (int i = 0; i < sends.size(); i++) {
                HttpApi.Response r = answers.get(i).get();
                Sent sent = sends.get(i);
                String kind = sent.externalId().equals(contested) ? "contested " + (sent.body().equals(contestedPaid) ? "00" : "06")
                        : sent.externalId().equals(copied) ? "copied" : "unknown";
                statuses.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(r.status());
                if (r.status() >= 400) {
                    assertThat(r.contentType()).contains("application/problem+json");
                }
            }
            assertThat(statuses.get("copied")).containsOnly(200).hasSize(8);
            assertThat(statuses.get("unknown")).containsOnly(404).hasSize(6);
            String kept = jdbc.queryForObject("select body_hash from payment_callback_receipt where external_id = ?",
                    String.class, contested);
            boolean paidKept = kept.equals(SnapSignatures.sha256Hex(SnapSignatures.minify(contestedPaid)));
            assertThat(statuses.get("contested 00")).containsOnly(paidKept ? 200 : 409).hasSize(3);
            assertThat(statuses.get("contested 06")).containsOnly(paidKept ? 409 : 200).hasSize(3);
        } finally {
            pool.shutdown();
        }
        var ids = new java.util.ArrayList<>(unknownIds);
        ids.add(copied);
        ids.add(contested);
        assertThat(jdbc.queryForObject("select count(*) from payment_callback_receipt where partner = 'LINKAJA' and external_id = any(?)",
                Integer.class, (Object) ids.toArray(String[]::new))).isEqualTo(ids.size());
        // a hint only: the inquiry it triggered finds the transfer still pending
        assertThat(ledger.find(pending.instructionId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING_AT_PARTNER);
    }
}
