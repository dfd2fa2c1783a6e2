package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.reconciliation.SettlementReconciliation;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;
import id.go.prakerja.simulators.payment.PaymentRecord;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * The fault test, on the real broker and database with the four simulated partners:
 * {@code prakerja.faulttest.payments} requests (default 400 here; {@code -Dprakerja.faulttest.payments=10000}
 * for the full size), each delivered twice, spread over the four partners, while every partner
 * fault is switched on in turn, and the gateway is stopped and started again in the middle (its
 * consumer of requests, sender, sweeper, answer and notification writers: what a process restart
 * stops; the requests sent meanwhile wait in the topic). At the end: every instruction SUCCEEDED or FAILED, none unknown; each partner's
 * ledger holds exactly one credit per succeeded instruction and none for a failed one; the
 * settlement reports agree with our records; DisbursementSucceeded was published exactly once
 * per succeeded instruction.
 */
class PaymentFaultTest extends PaymentGatewayServiceTest {

    private static final int PAYMENTS = Integer.getInteger("prakerja.faulttest.payments", 400);

    @Autowired
    PaymentWorkers workers;
    @Autowired
    OutcomeWriter writer;
    @Autowired
    SettlementReconciliation reconciliation;
    @Autowired
    id.go.prakerja.payment.callback.NotificationReceipts notifications;
    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void every_instruction_is_paid_exactly_once_or_failed_through_every_fault_and_a_restart() throws Exception {
        Map<PayoutPartner, List<String>> accounts = new HashMap<>();
        for (PayoutPartner p : PayoutPartner.values()) {
            accounts.put(p, List.of(newAccount(p), newAccount(p), newAccount(p)));
        }
        List<EventEnvelope<DisbursementRequested>> requests = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            PayoutPartner p = PayoutPartner.values()[i % 4];
            requests.add(disbursement(p, accounts.get(p).get(i % 3), 600_000));
        }
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.payload().instructionId()));
        int third = PAYMENTS / 3;

        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT); KafkaProducer<String, byte[]> producer = producer()) {
            // phase 1: answers lost after paying, 500 after paying, 429s, pending habits with callbacks out of order and twice
            sim(PayoutPartner.BNI).fault(Fault.timeout(Duration.ofMillis(2_500)).forCalls(15));
            sim(PayoutPartner.OVO).fault(new Fault(FaultMode.ERROR_AFTER_WORK, 0, 15));
            sim(PayoutPartner.GOPAY).fault(new Fault(FaultMode.RATE_LIMITED, 1_000, 15));
            sim(PayoutPartner.GOPAY).callbackMode(CallbackMode.DUPLICATED);
            sim(PayoutPartner.LINKAJA).pendingPercent(50);
            sim(PayoutPartner.LINKAJA).settleAfter(Duration.ofMillis(300));
            sim(PayoutPartner.LINKAJA).callbackMode(CallbackMode.OUT_OF_ORDER);
            publishTwice(producer, requests.subList(0, third));
            awaitSettled(requests.subList(0, third / 2));

            // phase 2: the gateway stops (a restart: its consumer of requests, its sender, sweeper, answer and
            // notification writers, what a process restart stops) while BNI goes down and requests keep coming
            bindings.changeState("incentiveEvents-in-0", BindingsLifecycleController.State.STOPPED);
            workers.stop();
            writer.stop();
            notifications.stop();
            sim(PayoutPartner.BNI).fault(Fault.down());
            sim(PayoutPartner.OVO).fault(new Fault(FaultMode.ERROR, 0, 10)); // 500, nothing done
            sim(PayoutPartner.GOPAY).callbackMode(CallbackMode.DELAYED);
            publishTwice(producer, requests.subList(third, 2 * third));
            Thread.sleep(1_000); // down a moment longer: the requests wait in the topic
            assertThat(count("true", requests.subList(third, 2 * third).stream()
                    .map(r -> r.payload().instructionId()).collect(java.util.stream.Collectors.toSet()))).isZero();
            notifications.start();
            writer.start();
            workers.start();
            bindings.changeState("incentiveEvents-in-0", BindingsLifecycleController.State.STARTED);
            await().atMost(WAIT).until(() -> requests.subList(third, 2 * third).stream()
                    .filter(r -> r.payload().partner() != PayoutPartner.BNI)
                    .allMatch(r -> ledger.find(r.payload().instructionId()).map(p -> p.status().isFinal()).orElse(false)));
            sim(PayoutPartner.BNI).fault(Fault.none()); // BNI comes back: its payments resume by themselves

            // phase 3: slow answers beyond the read timeout, pending transfers that then fail, forged and lost callbacks
            sim(PayoutPartner.OVO).fault(Fault.slow(Duration.ofMillis(2_500)).forCalls(10));
            sim(PayoutPartner.LINKAJA).failPercent(30);
            sim(PayoutPartner.LINKAJA).callbackMode(CallbackMode.BAD_SIGNATURE);
            sim(PayoutPartner.GOPAY).callbackMode(CallbackMode.LOST);
            sim(PayoutPartner.GOPAY).pendingPercent(30);
            sim(PayoutPartner.GOPAY).settleAfter(Duration.ofMillis(200));
            publishTwice(producer, requests.subList(2 * third, PAYMENTS));

            await().atMost(Duration.ofSeconds(Math.max(120, PAYMENTS / 20))).pollInterval(Duration.ofMillis(500))
                    .until(() -> count("status in ('SUCCEEDED','FAILED')", ids) == PAYMENTS);
            assertThat(count("status not in ('SUCCEEDED','FAILED')", ids)).isZero();

            // the partners' ledgers: one credit per succeeded instruction, none for a failed one, nothing else
            Map<String, PaymentRecord> ledgers = new HashMap<>();
            for (PayoutPartner p : PayoutPartner.values()) {
                for (PaymentRecord r : sim(p).payments()) {
                    assertThat(ledgers.put(r.partnerReferenceNo(), r)).isNull();
                }
            }
            int succeeded = 0;
            for (String id : ids) {
                Payment ours = ledger.find(id).orElseThrow();
                PaymentRecord theirs = ledgers.get(ours.partnerReferenceNo());
                // counted at the partners by instruction, under every reference it ever used
                assertThat(creditsForInstruction(id)).as(id).isEqualTo(ours.status() == PaymentStatus.SUCCEEDED ? 1 : 0);
                if (ours.status() == PaymentStatus.SUCCEEDED) {
                    succeeded++;
                    assertThat(theirs).as(id).isNotNull();
                    assertThat(theirs.credited()).as(id).isTrue();
                    assertThat(theirs.amount()).isEqualTo(ours.amount());
                    assertThat(theirs.partner().name()).isEqualTo(ours.partner().name());
                } else {
                    assertThat(theirs == null || !theirs.credited()).as(id).isTrue();
                    assertThat(ours.reasonCode()).isEqualTo("LIMIT_EXCEEDED"); // only LinkAja's pending-then-fail
                }
            }
            assertThat(succeeded).isGreaterThan(PAYMENTS * 6 / 10);
            // the faults did strike: outcomes were unknown, calls were refused or kept away, transfers went pending
            assertThat(transitionsTo("UNKNOWN", ids)).isPositive();
            assertThat(transitionsTo("RECEIVED", ids)).isPositive();
            assertThat(transitionsTo("PENDING_AT_PARTNER", ids)).isPositive();
            assertThat(PAYMENTS - succeeded).isPositive();

            // every payment's history is whole: it starts at RECEIVED, each step leaves where the one before
            // arrived, and the last arrives where the payment is
            assertThat(jdbc.queryForObject("""
                    select count(*) from payment p where p.instruction_id = any(?) and (
                        (select t.to_status from payment_transition t where t.instruction_id = p.instruction_id
                         order by t.id desc limit 1) is distinct from p.status
                        or (select t.to_status from payment_transition t where t.instruction_id = p.instruction_id
                            order by t.id limit 1) <> 'RECEIVED'
                        or exists (select 1 from (select t.from_status, lag(t.to_status) over (order by t.id) as before
                                                  from payment_transition t where t.instruction_id = p.instruction_id) steps
                                   where steps.before is not null and steps.from_status is distinct from steps.before))""",
                    Integer.class, (Object) ids.toArray(String[]::new))).isZero();

            // the settlement reports agree with our records
            LocalDate today = LocalDate.now(SnapSignatures.WIB);
            for (PayoutPartner p : PayoutPartner.values()) {
                var run = reconciliation.reconcile(p, today);
                Set<String> ours = new HashSet<>();
                ids.forEach(id -> ledger.attempts(id).stream().filter(a -> a.partner() == p)
                        .forEach(a -> ours.add(a.partnerReferenceNo())));
                assertThat(run.mismatches()).filteredOn(m -> ours.contains(m.partnerReferenceNo())).isEmpty();
            }

            // DisbursementSucceeded exactly once per succeeded instruction
            int expected = succeeded;
            await().atMost(WAIT).until(() -> succeededEvents(probe, ids).size() >= expected);
            List<String> announced = succeededEvents(probe, ids);
            assertThat(announced).hasSize(expected).doesNotHaveDuplicates();
            assertThat(events(probe, DisbursementFailed.class).stream().filter(e -> ids.contains(e.instructionId()))
                    .map(DisbursementFailed::instructionId)).doesNotHaveDuplicates().hasSize(PAYMENTS - expected);

            // DisbursementOutcomeUnknown once per entry into UNKNOWN, however often the sweeper asked meanwhile
            Map<String, Long> entries = entriesIntoUnknown(ids);
            assertThat(entries).isNotEmpty();
            await().atMost(WAIT).untilAsserted(() -> assertThat(unknownAnnounced(probe, ids)).isEqualTo(entries));
        }
    }

    private int transitionsTo(String status, Set<String> ids) {
        return jdbc.queryForObject("select count(*) from payment_transition where to_status = ? and from_status is not null"
                + " and instruction_id = any(?)", Integer.class, status, (Object) ids.toArray(String[]::new));
    }

    private Map<String, Long> entriesIntoUnknown(Set<String> ids) {
        Map<String, Long> entries = new HashMap<>();
        jdbc.query("select instruction_id, count(*) from payment_transition where to_status = 'UNKNOWN'"
                + " and from_status is distinct from 'UNKNOWN' and instruction_id = any(?) group by instruction_id",
                rs -> {
                    entries.put(rs.getString(1), rs.getLong(2));
                }, (Object) ids.toArray(String[]::new));
        return entries;
    }

    private static Map<String, Long> unknownAnnounced(KafkaProbe probe, Set<String> ids) {
        Map<String, Long> announced = new HashMap<>();
        events(probe, DisbursementOutcomeUnknown.class).stream().filter(e -> ids.contains(e.instructionId()))
                .forEach(e -> announced.merge(e.instructionId(), 1L, Long::sum));
        return announced;
    }

    private static List<String> succeededEvents(KafkaProbe probe, Set<String> ids) {
        return events(probe, DisbursementSucceeded.class).stream().map(DisbursementSucceeded::instructionId)
                .filter(ids::contains).toList();
    }

    private int count(String condition, Set<String> ids) {
        return jdbc.queryForObject("select count(*) from payment where " + condition + " and instruction_id = any(?)",
                Integer.class, (Object) ids.toArray(String[]::new));
    }

    private void awaitSettled(List<EventEnvelope<DisbursementRequested>> some) {
        await().atMost(WAIT).until(() -> some.stream().allMatch(r ->
                ledger.find(r.payload().instructionId()).map(p -> p.status().isFinal()).orElse(false)));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Each request twice, the copy a little later than the original, as a redelivery comes. */
    private static void publishTwice(KafkaProducer<String, byte[]> producer, List<EventEnvelope<DisbursementRequested>> batch)
            throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (EventEnvelope<DisbursementRequested> r : batch) {
                sent.add(producer.send(new ProducerRecord<>(Topics.INCENTIVE, r.participantId().toString(), EventJson.write(r))));
            }
        }
        for (Future<?> f : sent) {
            f.get();
        }
    }
}
