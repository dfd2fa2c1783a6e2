package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.Discrepancy;
import id.go.prakerja.simulators.population.PhoneNumbers;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The partner's {@code /_control} endpoints: its Java API over HTTP, for tests in other processes
 * and for people driving the local launcher by hand. They are simulator routes, never faulted, so a
 * test can always inspect and steer a partner, even one it made fail.
 */
final class PartnerControls {

    private final PaymentPartnerSimulator partner;
    private final PartnerBehaviour behaviour;

    PartnerControls(PaymentPartnerSimulator partner, PartnerBehaviour behaviour) {
        this.partner = partner;
        this.behaviour = behaviour;
    }

    void register(Router router) {
        router.simulator("GET", "/_control/accounts", this::listAccounts);
        router.simulator("POST", "/_control/accounts", this::addAccount);
        router.simulator("GET", "/_control/payments", this::listPayments);
        router.simulator("GET", "/_control/callbacks", this::listCallbacks);
        router.simulator("POST", "/_control/callback-url", this::setCallbackUrl);
        router.simulator("POST", "/_control/behaviour", this::setBehaviour);
        router.simulator("GET", "/_control/behaviour", r -> SimResponse.json(200, behaviour.asMap()));
        router.simulator("POST", "/_control/settlement-discrepancies", this::addDiscrepancy);
        router.simulator("POST", "/_control/settle", r -> {
            partner.settlePending();
            return SimResponse.json(200, Map.of("status", "SETTLED"));
        });
    }

    /** {@code ?nik=} for one person's accounts, else all; a page of {@code offset} and {@code limit} up to 1,000. */
    private SimResponse listAccounts(SimRequest request) {
        Optional<String> nik = request.query("nik");
        List<PartnerAccount> all = nik.map(partner::accountsOf).orElseGet(partner::accounts);
        int limit = Math.min(request.intQuery("limit", 20), 1_000);
        int from = Math.min(request.intQuery("offset", 0), all.size());
        return SimResponse.json(200, all.subList(from, Math.min(all.size(), from + limit)));
    }

    /** {@code ?partnerReferenceNo=} for one transfer, else a page ({@code offset}, {@code limit} up to 10,000) and the total. */
    private SimResponse listPayments(SimRequest request) {
        Optional<String> reference = request.query("partnerReferenceNo");
        if (reference.isPresent()) {
            return SimResponse.json(200, partner.payment(reference.get()).map(List::of).orElse(List.of()));
        }
        int limit = Math.min(request.intQuery("limit", 100), 10_000);
        int offset = request.intQuery("offset", 0);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", partner.paymentCount());
        page.put("offset", offset);
        page.put("items", partner.payments(offset, limit));
        return SimResponse.json(200, page);
    }

    private SimResponse listCallbacks(SimRequest request) {
        List<CallbackAttempt> all = partner.callbacks();
        int limit = Math.min(request.intQuery("limit", 100), 10_000);
        int from = Math.min(request.intQuery("offset", 0), all.size());
        return SimResponse.json(200, all.subList(from, Math.min(all.size(), from + limit)));
    }

    /** Opens an account: an account number at a bank, a phone at an e-wallet; refused field by field. */
    private SimResponse addAccount(SimRequest request) {
        JsonFields f = request.fields();
        String accountNumber = f.optionalText("accountNumber");
        String phone = f.optionalText("phone");
        String ownerName = f.requiredText("ownerName", 120);
        String nik = f.optionalText("nik");
        boolean kyc = f.optionalBoolean("kycUpgraded", true);
        boolean active = f.optionalBoolean("active", true);
        boolean bank = partner.profile().isBank();
        if (bank && (accountNumber == null || !SnapMessages.ACCOUNT_NUMBER.matcher(accountNumber).matches())) {
            f.reject("accountNumber", "is required for " + partner.party() + ": 6 to 20 digits");
        }
        if (!bank && (phone == null || PhoneNumbers.toNational(phone).isEmpty())) {
            f.reject("phone", "is required for " + partner.party() + ": an Indonesian mobile number");
        }
        if (nik != null && !SnapMessages.NIK.matcher(nik).matches()) {
            f.reject("nik", "must be 16 digits");
        }
        f.throwIfInvalid();
        PartnerAccount added = partner.addAccount(new PartnerAccount(
                bank ? accountNumber : null, bank ? null : phone, ownerName, nik, kyc, active));
        return SimResponse.json(201, added);
    }

    private SimResponse setCallbackUrl(SimRequest request) {
        JsonFields f = request.fields();
        String url = f.optionalUrl("url"); // null or absent stops callbacks
        f.throwIfInvalid();
        partner.callbackUrl(url);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", partner.callbackUrl());
        return SimResponse.json(200, answer);
    }

    /** Changes only the fields given, after checking them all, and answers the whole behaviour. */
    private SimResponse setBehaviour(SimRequest request) {
        JsonFields f = request.fields();
        Integer pending = f.optionalInt("pendingPercent", 0, 100);
        Integer fail = f.optionalInt("failPercent", 0, 100);
        Long settle = f.optionalLong("settleAfterMillis", 0, 600_000);
        Long latency = f.optionalLong("latencyMillis", 0, 600_000);
        Long callbackDelay = f.optionalLong("callbackDelayMillis", 0, 600_000);
        Integer rate = f.optionalInt("rateLimitPerSecond", 0, 1_000_000);
        Long recordAfter = f.optionalLong("recordAfterMillis", 0, 600_000);
        boolean limitFirst = f.optionalBoolean("limitBeforeDuplicate", behaviour.limitBeforeDuplicate());
        String mode = f.optionalText("callbackMode");
        CallbackMode callbacks = null;
        if (mode != null) {
            try {
                callbacks = CallbackMode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("callbackMode", "must be one of " + Arrays.toString(CallbackMode.values()));
            }
        }
        f.throwIfInvalid();
        if (pending != null) {
            behaviour.pendingPercent(pending);
        }
        if (fail != null) {
            behaviour.failPercent(fail);
        }
        if (settle != null) {
            behaviour.settleAfter(Duration.ofMillis(settle));
        }
        if (latency != null) {
            behaviour.latency(Duration.ofMillis(latency));
        }
        if (callbackDelay != null) {
            behaviour.callbackDelay(Duration.ofMillis(callbackDelay));
        }
        if (rate != null) {
            behaviour.rateLimit(rate);
        }
        if (recordAfter != null) {
            behaviour.recordAfter(Duration.ofMillis(recordAfter));
        }
        behaviour.limitBeforeDuplicate(limitFirst);
        if (callbacks != null) {
            behaviour.callbackMode(callbacks);
        }
        return SimResponse.json(200, behaviour.asMap());
    }

    private SimResponse addDiscrepancy(SimRequest request) {
        JsonFields f = request.fields();
        String reference = f.requiredText("partnerReferenceNo", 64);
        String kind = f.requiredText("kind", 20);
        Discrepancy d = null;
        if (kind != null) {
            try {
                d = Discrepancy.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("kind", "must be one of " + Arrays.toString(Discrepancy.values()));
            }
        }
        f.throwIfInvalid();
        partner.discrepancy(reference, d);
        return SimResponse.json(200, Map.of("partnerReferenceNo", reference, "kind", d));
    }
}
