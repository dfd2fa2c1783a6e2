package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.partner.PartnerAnswer;

/**
 * No interleaving pays an instruction twice: for random sequences of partner behaviour (paid,
 * refused, timeout after crediting, 500 after crediting, 500 before doing anything, credited but not
 * yet visible to its inquiry, pending then settled either way, a resend refused for a limit although
 * the first transfer paid), of requests from incentive-service at any moment (its retries and
 * account changes), of answers lost to a restart and leases that run out, each instruction is
 * credited at most once at the partner, every credit is a SUCCEEDED payment, and every SUCCEEDED
 * payment a credit. The gateway's own ledger, intake and SQL run; the partner is a model whose
 * truth the test holds. Scenarios are seeded: a failure names its seed.
 */
class DoublePayPropertyTest extends PaymentGatewayServiceTest {

    private static final PayoutPartner PARTNER = PayoutPartner.GOPAY;
    private static final int SCENARIOS = 16;
    private static final int INSTRUCTIONS = 4;
    private static final int STEPS = 40;

    @Autowired
    PaymentWorkers workers;
    @Autowired
    DisbursementIntake intake;
    @Autowired
    TransactionTemplate transactions;

    /** What the partner holds, and how it behaves next. */
    static final class ModelPartner {
        final Set<String> credited = new HashSet<>();
        final Set<String> hidden = new HashSet<>(); // credited, not yet shown by the inquiry
        final Set<String> pending = new HashSet<>();
        final Set<String> failed = new HashSet<>();
        final Random random;

        ModelPartner(Random random) {
            this.random = random;
        }

        PartnerAnswer transfer(String reference) {
            if (credited.contains(reference) || pending.contains(reference) || failed.contains(reference)) {
                // a resend: some partners check a limit before their duplicate check
                return random.nextBoolean() ? PartnerAnswer.failed("4033802", "LIMIT_EXCEEDED", "limit before duplicate")
                        : PartnerAnswer.unknown("4093800", "duplicate");
            }
            return switch (random.nextInt(8)) {
                case 0, 1 -> credit(reference, PartnerAnswer.paid("T-" + reference, "2003800"));
                case 2 -> PartnerAnswer.failed("4033802", "ACCOUNT_BLOCKED", "refused");
                case 3 -> credit(reference, PartnerAnswer.unknown("TIMEOUT", "timeout after crediting"));
                case 4 -> credit(reference, PartnerAnswer.unknown("5003800", "500 after crediting"));
                case 5 -> PartnerAnswer.unknown("5003800", "500 before doing anything");
                case 6 -> {
                    credit(reference, null);
                    hidden.add(reference);
                    yield PartnerAnswer.unknown("TIMEOUT", "credited, not yet recorded for inquiries");
                }
                default -> {
                    pending.add(reference);
                    yield PartnerAnswer.pending("T-" + reference, "2023800");
                }
            };
        }

        private PartnerAnswer credit(String reference, PartnerAnswer answer) {
            credited.add(reference);
            return answer;
        }

        /** @param doubtCheck a check of every reference, made long enough after the last send for every credit to show */
        PartnerAnswer status(String reference, boolean doubtCheck) {
            if (doubtCheck) {
                hidden.remove(reference);
            }
            if (credited.contains(reference) && !hidden.contains(reference)) {
                return PartnerAnswer.paid("T-" + reference, "2003800");
            }
            if (pending.contains(reference)) {
                return PartnerAnswer.pending("T-" + reference, "2023800");
            }
            if (failed.contains(reference)) {
                return PartnerAnswer.failed("4033802", "LIMIT_EXCEEDED", "failed later");
            }
            return PartnerAnswer.notFound("4043800");
        }

        void settleSomePending() {
            for (String reference : List.copyOf(pending)) {
                if (random.nextInt(3) == 0) {
                    pending.remove(reference);
                    if (random.nextBoolean()) {
                        credited.add(reference);
                    } else {
                        failed.add(reference);
                    }
                }
            }
        }

        void settleEverything() {
            hidden.clear();
            for (String reference : List.copyOf(pending)) {
                pending.remove(reference);
                credited.add(reference);
            }
        }

        long creditsOf(String instructionId) {
            String base = PaymentReferences.of(instructionId, 1);
            return credited.stream().filter(r -> r.equals(base) || r.matches(base + "R\\d+")).count();
        }
    }

    @Test
    void no_interleaving_of_answers_requests_and_restarts_pays_an_instruction_twice() {
        workers.stop();
        try {
            long base = System.nanoTime();
            for (int scenario = 0; scenario < SCENARIOS; scenario++) {
                long seed = base + scenario;
                runScenario(seed);
            }
        } finally {
            workers.start();
        }
    }

    private void runScenario(long seed) {
        Random random = new Random(seed);
        ModelPartner partner = new ModelPartner(random);
        Map<String, UUID> participants = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INSTRUCTIONS; i++) {
            UUID participant = UUID.randomUUID();
            String id = DisbursementRequested.instructionId(participant, IncentiveKind.POST_TRAINING, 1);
            participants.put(id, participant);
            ids.add(id);
            request(id, participant);
        }
        for (int step = 0; step < STEPS; step++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> send(partner, ids, random.nextInt(5) == 0);
                case 2 -> sweep(partner, ids, random.nextInt(5) == 0, false);
                case 3 -> { // incentive-service orders a tranche again (a retry, an account change), at any moment
                    String id = ids.get(random.nextInt(ids.size()));
                    request(id, participants.get(id));
                }
                case 4 -> partner.settleSomePending();
                default -> expireLeases(ids); // an instance died mid-call
            }
        }
        // the partner settles everything (what is sent meanwhile too); the gateway asks until nothing waits
        for (int round = 0; round < 30 && waiting(ids) > 0; round++) {
            partner.settleEverything();
            expireLeases(ids);
            send(partner, ids, false);
            sweep(partner, ids, false, true);
        }
        assertThat(waiting(ids)).as("seed %d: nothing left waiting (%s)", seed, ids.stream()
                .map(id -> ledger.find(id).orElseThrow()).filter(p -> !p.status().isFinal())
                .map(p -> p.status() + " due " + p.dueAt() + " " + transitions(p.instructionId())).toList()).isZero();
        for (String id : ids) {
            Payment p = ledger.find(id).orElseThrow();
            long credits = partner.creditsOf(id);
            assertThat(credits).as("seed %d, %s: credited at most once (%s)", seed, id, transitions(id)).isLessThanOrEqualTo(1);
            assertThat(p.status() == PaymentStatus.SUCCEEDED).as("seed %d, %s: paid here exactly when credited there (%s)",
                    seed, id, transitions(id)).isEqualTo(credits == 1);
        }
    }

    private void request(String id, UUID participant) {
        var event = EventEnvelope.of(new DisbursementRequested(id, IncentiveKind.POST_TRAINING, 1, 600_000, PARTNER,
                sealedAccount(participant, "081200001111")), participant, UUID.randomUUID(), null, Instant.now());
        transactions.executeWithoutResult(tx -> intake.receive(event));
    }

    private void send(ModelPartner partner, List<String> ids, boolean restartLosesAnswers) {
        for (PaymentLedger.Claimed c : mine(ledger.claimToSend(PARTNER, 100), ids)) {
            PartnerAnswer answer = partner.transfer(c.payment().partnerReferenceNo());
            if (!restartLosesAnswers) {
                ledger.apply(List.of(PaymentLedger.Outcome.of(c, PaymentTransitions.Source.TRANSFER, answer, null)));
            }
        }
    }

    private void sweep(ModelPartner partner, List<String> ids, boolean restartLosesAnswers, boolean draining) {
        jdbc.update("update payment set due_at = now() where instruction_id = any(?) and status in ('UNKNOWN', "
                + "'PENDING_AT_PARTNER', 'IN_DOUBT')", (Object) ids.toArray(String[]::new));
        for (PaymentLedger.Claimed c : mine(ledger.claimToSettle(PARTNER, 100), ids)) {
            PaymentLedger.Outcome outcome;
            if (c.payment().status() == PaymentStatus.IN_DOUBT) {
                List<ReferenceCheck.Asked> asked = ledger.attempts(c.payment().instructionId()).stream()
                        .map(a -> new ReferenceCheck.Asked(a.partnerReferenceNo(), partner.status(a.partnerReferenceNo(), true)))
                        .toList();
                ReferenceCheck.Result result = ReferenceCheck.combine(asked);
                outcome = PaymentLedger.Outcome.of(c, PaymentTransitions.Source.INQUIRY, result.answer(), result.creditedReference());
            } else {
                outcome = PaymentLedger.Outcome.of(c, PaymentTransitions.Source.INQUIRY,
                        partner.status(c.payment().partnerReferenceNo(), draining), null);
            }
            if (!restartLosesAnswers) {
                ledger.apply(List.of(outcome));
            }
        }
    }

    private void expireLeases(List<String> ids) {
        jdbc.update("update payment set due_at = now() where instruction_id = any(?) and status = 'SENDING'",
                (Object) ids.toArray(String[]::new));
    }

    private int waiting(List<String> ids) {
        return jdbc.queryForObject("select count(*) from payment where instruction_id = any(?) and status not in "
                + "('SUCCEEDED', 'FAILED')", Integer.class, (Object) ids.toArray(String[]::new));
    }

    private static List<PaymentLedger.Claimed> mine(List<PaymentLedger.Claimed> claimed, List<String> ids) {
        return claimed.stream().filter(c -> ids.contains(c.payment().instructionId())).toList();
    }
}
