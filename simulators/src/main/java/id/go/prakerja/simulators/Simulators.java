package id.go.prakerja.simulators;

import id.go.prakerja.simulators.dukcapil.DukcapilSimulator;
import id.go.prakerja.simulators.email.EmailSimulator;
import id.go.prakerja.simulators.face.FaceMatchSimulator;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator;
import id.go.prakerja.simulators.payment.PaymentRecord;
import id.go.prakerja.simulators.population.Population;
import id.go.prakerja.simulators.population.Resident;
import id.go.prakerja.simulators.sms.SmsMessage;
import id.go.prakerja.simulators.sms.SmsSimulator;
import id.go.prakerja.simulators.training.TrainingPlatformSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All outside parties at once, each on its own HTTP server. Typical use in a service's integration
 * test:
 *
 * <pre>{@code
 * try (Simulators sims = Simulators.start(SimulatorConfig.builder().simulateLatency(false).build())) {
 *     String dukcapilUrl = sims.baseUrl(Party.DUKCAPIL);
 *     Resident someone = sims.resident(0);
 *     sims.dukcapil().fault(Fault.down());
 *     ...
 * }
 * }</pre>
 */
public final class Simulators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulators.class);

    private final SimulatorConfig config;
    private final Map<Party, Simulator> simulators;

    private Simulators(SimulatorConfig config, Map<Party, Simulator> simulators) {
        this.config = config;
        this.simulators = Collections.unmodifiableMap(simulators);
    }

    /** Starts every simulator with the defaults (random ports). */
    public static Simulators start() {
        return start(SimulatorConfig.defaults());
    }

    public static Simulators start(SimulatorConfig config) {
        long started = System.nanoTime();
        // one population feeds Dukcapil and the partners' accounts, so the same people exist at both
        List<Resident> population = Population.generate(config.seed(), config.populationSize());
        Map<Party, Simulator> sims = new EnumMap<>(Party.class);
        for (Party party : Party.values()) {
            sims.put(party, create(party, config, population));
        }
        List<Simulator> running = new ArrayList<>();
        try {
            for (Party party : Party.values()) {
                Simulator sim = sims.get(party);
                sim.start(new InetSocketAddress(config.bindAddress(), config.portFor(party)));
                running.add(sim);
            }
        } catch (RuntimeException e) {
            running.forEach(Simulator::close);
            throw e;
        }
        log.info("Started {} simulators in {} ms (seed {}, {} residents)", sims.size(),
                (System.nanoTime() - started) / 1_000_000, config.seed(), population.size());
        return new Simulators(config, sims);
    }

    private static Simulator create(Party party, SimulatorConfig config, List<Resident> population) {
        return switch (party) {
            case DUKCAPIL -> new DukcapilSimulator(config.dukcapilApiKey(), population);
            case SMS -> new SmsSimulator(config.smsApiKey());
            case FACE_MATCH -> new FaceMatchSimulator(config.faceMatchApiKey());
            case BNI, LINKAJA, OVO, GOPAY -> {
                PaymentPartnerSimulator partner = new PaymentPartnerSimulator(party,
                        config.credentials(party).clientId(), config.credentials(party).clientSecret(),
                        config.credentials(party).clientPublicKeyPem(), population, config.seed(), config.simulateLatency());
                // the address first: a transfer left pending before a restart settles, and notifies, soon after the ledger loads
                partner.defaultCallbackUrl(config.paymentCallbackUrl(party));
                if (config.stateDir() != null) {
                    partner.keepAccountsIn(config.stateDir().resolve(party.slug() + "-accounts.jsonl"));
                    partner.keepLedgerIn(config.stateDir().resolve(party.slug() + "-ledger.jsonl"));
                }
                yield partner;
            }
            case TRAINING_PLATFORMS -> new TrainingPlatformSimulator(config.seed());
            case EMAIL -> new EmailSimulator(config.emailApiKey());
        };
    }

    public SimulatorConfig config() {
        return config;
    }

    public int port(Party party) {
        return simulator(party).port();
    }

    /** E.g. {@code http://127.0.0.1:9000}, no trailing slash. */
    public String baseUrl(Party party) {
        return simulator(party).baseUrl();
    }

    public Simulator simulator(Party party) {
        return simulators.get(party);
    }

    public DukcapilSimulator dukcapil() {
        return (DukcapilSimulator) simulators.get(Party.DUKCAPIL);
    }

    public SmsSimulator sms() {
        return (SmsSimulator) simulators.get(Party.SMS);
    }

    public FaceMatchSimulator faceMatch() {
        return (FaceMatchSimulator) simulators.get(Party.FACE_MATCH);
    }

    public EmailSimulator email() {
        return (EmailSimulator) simulators.get(Party.EMAIL);
    }

    public PaymentPartnerSimulator paymentPartner(Party partner) {
        if (!partner.isPaymentPartner()) {
            throw new IllegalArgumentException(partner + " is not a payment partner");
        }
        return (PaymentPartnerSimulator) simulators.get(partner);
    }

    public PaymentPartnerSimulator bni() {
        return paymentPartner(Party.BNI);
    }

    public PaymentPartnerSimulator linkAja() {
        return paymentPartner(Party.LINKAJA);
    }

    public PaymentPartnerSimulator ovo() {
        return paymentPartner(Party.OVO);
    }

    public PaymentPartnerSimulator goPay() {
        return paymentPartner(Party.GOPAY);
    }

    public TrainingPlatformSimulator trainingPlatforms() {
        return (TrainingPlatformSimulator) simulators.get(Party.TRAINING_PLATFORMS);
    }

    /** The people Dukcapil knows, in index order. */
    public List<Resident> residents() {
        return dukcapil().residents();
    }

    public Resident resident(int index) {
        return dukcapil().resident(index);
    }

    /** SMS delivered to a number, newest first. */
    public List<SmsMessage> messagesTo(String phone) {
        return sms().messagesTo(phone);
    }

    /** Transfers a partner accepted, oldest first. */
    public List<PaymentRecord> payments(Party partner) {
        return paymentPartner(partner).payments();
    }

    /** Lifts every fault and forgets everything learnt since start. */
    public void resetAll() {
        simulators.values().forEach(Simulator::reset);
    }

    @Override
    public void close() {
        // in parallel: each stop interrupts its own hanging calls; no reason to do it one by one
        simulators.values().parallelStream().forEach(Simulator::close);
    }
}
