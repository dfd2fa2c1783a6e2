package id.go.prakerja.simulators;

import java.nio.file.Path;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the simulators. Defaults suit in-process tests: random free ports, the standard seed,
 * 10,000 residents, and the documented local keys.
 *
 * @param basePort        0: every simulator on its own random free port; otherwise party {@code i}
 *                        (in {@link Party} order) on {@code basePort + i}, e.g. 9000..9008
 * @param bindAddress     interface to listen on; {@code 127.0.0.1} keeps simulators off the network
 * @param seed            seed of the synthetic world (residents, partner accounts, catalogues)
 * @param simulateLatency whether payment partners add their typical latency (40-150 ms)
 * @param stateDir        where the payment partners keep, across restarts, the accounts opened through
 *                        their control endpoint and their ledgers ({@code <partner>-accounts.jsonl},
 *                        {@code <partner>-ledger.jsonl}); null keeps them in memory only
 * @param paymentCallbackBase the platform's public address the payment partners send their settlement
 *                        notifications to, each at {@code <base>/partner/payments/<partner>/callback}
 *                        (e.g. {@code http://localhost:8080}, the gateway, under {@code run-local}), from the
 *                        start and again after a reset; null: no notifications until a test names an address
 */
public record SimulatorConfig(
        int basePort,
        String bindAddress,
        long seed,
        int populationSize,
        boolean simulateLatency,
        String dukcapilApiKey,
        String smsApiKey,
        String faceMatchApiKey,
        String emailApiKey,
        Map<Party, PartnerCredentials> partnerCredentials,
        Path stateDir,
        String paymentCallbackBase) {

    /** 11 April 2020: the day registration for Kartu Prakerja opened. */
    public static final long DEFAULT_SEED = 20200411L;
    public static final int DEFAULT_POPULATION_SIZE = 10_000;
    public static final String DEFAULT_DUKCAPIL_API_KEY = "dukcapil-local-key";
    public static final String DEFAULT_SMS_API_KEY = "sms-local-key";
    public static final String DEFAULT_FACE_MATCH_API_KEY = "face-local-key";
    public static final String DEFAULT_EMAIL_API_KEY = "email-local-key";
    /** Where, below {@link #paymentCallbackBase()}, the payment gateway takes a partner's notifications. */
    public static final String PAYMENT_CALLBACK_PATH = "/partner/payments/%s/callback";

    /**
     * SNAP client credentials of the platform at one payment partner.
     *
     * @param clientPublicKeyPem the platform's RSA public key (PEM) that verifies its access-token requests
     */
    public record PartnerCredentials(String clientId, String clientSecret, String clientPublicKeyPem) {
        public PartnerCredentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(clientPublicKeyPem, "clientPublicKeyPem");
        }

        /**
         * {@code bni-local-client} / {@code bni-local-secret} and the local public key
         * {@code payment-clients/bni-public.pem}, and so on; the matching private keys are the
         * payment gateway's local-only {@code local-secrets/snap/<partner>-private.pem}.
         */
        public static PartnerCredentials defaultsFor(Party partner) {
            return new PartnerCredentials(partner.slug() + "-local-client", partner.slug() + "-local-secret",
                    localPublicKey(partner));
        }

        public static String localPublicKey(Party partner) {
            String resource = "/payment-clients/" + partner.slug() + "-public.pem";
            try (var in = SimulatorConfig.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public SimulatorConfig {
        if (basePort < 0 || basePort > 65535 - Party.values().length) {
            throw new IllegalArgumentException("basePort out of range: " + basePort);
        }
        if (populationSize < 0) {
            throw new IllegalArgumentException("populationSize must be >= 0");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dukcapilApiKey, "dukcapilApiKey");
        Objects.requireNonNull(smsApiKey, "smsApiKey");
        Objects.requireNonNull(faceMatchApiKey, "faceMatchApiKey");
        Objects.requireNonNull(emailApiKey, "emailApiKey");
        Map<Party, PartnerCredentials> complete = new EnumMap<>(Party.class);
        for (Party p : Party.values()) {
            if (p.isPaymentPartner()) {
                complete.put(p, partnerCredentials != null && partnerCredentials.containsKey(p)
                        ? partnerCredentials.get(p) : PartnerCredentials.defaultsFor(p));
            }
        }
        partnerCredentials = Map.copyOf(complete);
        if (paymentCallbackBase != null) {
            java.net.URI base;
            try {
                base = new java.net.URI(paymentCallbackBase);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("paymentCallbackBase is not a URL: " + paymentCallbackBase, e);
            }
            if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null
                    || base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("paymentCallbackBase must be an http(s) address without query: "
                        + paymentCallbackBase);
            }
            paymentCallbackBase = paymentCallbackBase.replaceAll("/+$", "");
        }
    }

    /**
     * Where a payment partner sends its notifications, {@code <paymentCallbackBase>/partner/payments/<partner>/callback};
     * null without a base.
     */
    public String paymentCallbackUrl(Party partner) {
        if (!partner.isPaymentPartner()) {
            throw new IllegalArgumentException(partner + " is not a payment partner");
        }
        return paymentCallbackBase == null ? null : paymentCallbackBase + PAYMENT_CALLBACK_PATH.formatted(partner.slug());
    }

    public static SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public PartnerCredentials credentials(Party partner) {
        PartnerCredentials c = partnerCredentials.get(partner);
        if (c == null) {
            throw new IllegalArgumentException(partner + " is not a payment partner");
        }
        return c;
    }

    /** The port a party is configured for; 0 means "any free port". */
    public int portFor(Party party) {
        return basePort == 0 ? 0 : basePort + party.ordinal();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.basePort = basePort;
        b.bindAddress = bindAddress;
        b.seed = seed;
        b.populationSize = populationSize;
        b.simulateLatency = simulateLatency;
        b.dukcapilApiKey = dukcapilApiKey;
        b.smsApiKey = smsApiKey;
        b.faceMatchApiKey = faceMatchApiKey;
        b.emailApiKey = emailApiKey;
        b.partnerCredentials.putAll(partnerCredentials);
        b.stateDir = stateDir;
        b.paymentCallbackBase = paymentCallbackBase;
        return b;
    }

    public static final class Builder {
        private int basePort = 0;
        private String bindAddress = "127.0.0.1";
        private long seed = DEFAULT_SEED;
        private int populationSize = DEFAULT_POPULATION_SIZE;
        private boolean simulateLatency = true;
        private Path stateDir;
        private String paymentCallbackBase;
        private String dukcapilApiKey = DEFAULT_DUKCAPIL_API_KEY;
        private String smsApiKey = DEFAULT_SMS_API_KEY;
        private String faceMatchApiKey = DEFAULT_FACE_MATCH_API_KEY;
        private String emailApiKey = DEFAULT_EMAIL_API_KEY;
        private final Map<Party, PartnerCredentials> partnerCredentials = new EnumMap<>(Party.class);

        private Builder() {
        }

        public Builder basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder populationSize(int populationSize) {
            this.populationSize = populationSize;
            return this;
        }

        public Builder simulateLatency(boolean simulateLatency) {
            this.simulateLatency = simulateLatency;
            return this;
        }

        public Builder dukcapilApiKey(String key) {
            this.dukcapilApiKey = key;
            return this;
        }

        public Builder smsApiKey(String key) {
            this.smsApiKey = key;
            return this;
        }

        public Builder faceMatchApiKey(String key) {
            this.faceMatchApiKey = key;
            return this;
        }

        public Builder emailApiKey(String key) {
            this.emailApiKey = key;
            return this;
        }

        public Builder partnerCredentials(Party partner, String clientId, String clientSecret) {
            if (!partner.isPaymentPartner()) {
                throw new IllegalArgumentException(partner + " is not a payment partner");
            }
            partnerCredentials.put(partner, new PartnerCredentials(clientId, clientSecret,
                    PartnerCredentials.localPublicKey(partner)));
            return this;
        }

        /** Keeps the accounts opened through the partners' control endpoints and their ledgers in files below this folder. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** The platform's public address the payment partners notify, e.g. {@code http://localhost:8080}. */
        public Builder paymentCallbackBase(String url) {
            this.paymentCallbackBase = url;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(basePort, bindAddress, seed, populationSize, simulateLatency,
                    dukcapilApiKey, smsApiKey, faceMatchApiKey, emailApiKey, partnerCredentials, stateDir,
                    paymentCallbackBase);
        }
    }
}
