package id.go.prakerja.simulators.sms;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.PhoneNumbers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS gateway plus the handsets it delivers to. Sending is idempotent on {@code messageId}: a
 * retried send answers the same and does not deliver twice (an OTP sent twice confuses people and
 * costs money). The inbox endpoint is how developers and tests read the OTP a person received.
 *
 * <p>Endpoints: {@code POST /sms/v1/messages} (bearer API key); {@code GET /sms/v1/messages?to=…}
 * (the simulated inbox: no auth and never faulted, since it stands for the person's phone).
 */
public final class SmsSimulator extends Simulator {

    public static final String MESSAGES_PATH = "/sms/v1/messages";
    public static final int MAX_TEXT_LENGTH = 612; // four concatenated GSM-7 segments

    private static final Pattern OTP = Pattern.compile("(?<!\\d)(\\d{4,8})(?!\\d)");

    private final String apiKey;
    private final Clock clock;
    /** Both guarded by {@code this}. */
    private final Map<String, SmsMessage> byId = new HashMap<>();
    private final Map<String, List<SmsMessage>> inboxes = new HashMap<>();

    public SmsSimulator(String apiKey) {
        this(apiKey, Clock.systemUTC());
    }

    public SmsSimulator(String apiKey, Clock clock) {
        super(Party.SMS);
        this.apiKey = apiKey;
        this.clock = clock;
    }

    public record Accepted(String messageId, String status) {
    }

    // ---- Java API for tests -------------------------------------------------------------------

    /** Messages delivered to a number (any accepted format), newest first. */
    public synchronized List<SmsMessage> messagesTo(String phone) {
        String to = PhoneNumbers.toE164(phone).orElse(phone);
        List<SmsMessage> inbox = inboxes.getOrDefault(to, List.of());
        List<SmsMessage> newestFirst = new ArrayList<>(inbox);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The first 4-8 digit code in the newest message to that number: the OTP, usually. */
    public Optional<String> latestCode(String phone) {
        return messagesTo(phone).stream().findFirst().flatMap(m -> {
            Matcher matcher = OTP.matcher(m.text());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        });
    }

    /** Every message delivered, oldest first. */
    public synchronized List<SmsMessage> allMessages() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(SmsMessage::receivedAt)).toList();
    }

    /**
     * Sends a message; idempotent on {@code messageId}.
     *
     * @throws IllegalArgumentException when {@code to} is not {@code +628…}
     * @throws HttpFailure 409 when the id was already used for a different recipient or text
     */
    public synchronized Accepted send(String messageId, String to, String text) {
        if (!PhoneNumbers.isE164Mobile(to)) {
            throw new IllegalArgumentException("Not an Indonesian mobile number in E.164: " + to);
        }
        SmsMessage existing = byId.get(messageId);
        if (existing != null) {
            if (!existing.to().equals(to) || !existing.text().equals(text)) {
                throw HttpFailure.conflict("messageId '" + messageId + "' was already used for a different message");
            }
            return new Accepted(messageId, "ACCEPTED");
        }
        SmsMessage message = new SmsMessage(messageId, to, text, Instant.now(clock));
        byId.put(messageId, message);
        inboxes.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
        return new Accepted(messageId, "ACCEPTED");
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", MESSAGES_PATH, this::sendOverHttp);
        router.simulator("GET", MESSAGES_PATH, this::inboxOverHttp);
    }

    @Override
    protected synchronized void resetState() {
        byId.clear();
        inboxes.clear();
    }

    private SimResponse sendOverHttp(SimRequest request) {
        Auth.requireBearer(request, apiKey);
        JsonFields f = request.fields();
        String messageId = f.requiredText("messageId", 64);
        String to = f.requiredText("to");
        String text = f.requiredText("text", MAX_TEXT_LENGTH);
        if (to != null && !PhoneNumbers.isE164Mobile(to)) {
            // the gateway is strict: national (08…) or foreign numbers are the caller's bug
            f.reject("to", "must be an Indonesian mobile number in E.164 format, +628…");
        }
        f.throwIfInvalid();
        return SimResponse.json(202, send(messageId, to, text));
    }

    private SimResponse inboxOverHttp(SimRequest request) {
        String raw = request.query("to")
                .orElseThrow(() -> HttpFailure.badRequest("Query parameter 'to' is required", List.of()));
        // an unencoded '+' arrives as a space; accept it rather than make every curl user escape it
        String to = raw.trim();
        if (raw.startsWith(" ")) {
            to = "+" + to;
        }
        String phone = PhoneNumbers.toE164(to).orElseThrow(() -> HttpFailure.badRequest(
                "Query parameter 'to' must be an Indonesian mobile number", List.of()));
        List<Map<String, Object>> body = messagesTo(phone).stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("messageId", m.messageId());
            row.put("to", m.to());
            row.put("text", m.text());
            row.put("receivedAt", m.receivedAt().toString());
            return row;
        }).toList();
        return SimResponse.json(200, body);
    }
}
