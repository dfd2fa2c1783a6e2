package id.go.prakerja.simulators.email;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transactional e-mail provider plus the mailboxes it delivers to. Like the SMS gateway, sending
 * is idempotent on {@code messageId}, and the mailbox endpoint is how developers and tests read the
 * code a person received.
 *
 * <p>Endpoints: {@code POST /email/v1/messages} {@code {"messageId","to","subject","text"}} (bearer
 * API key) -> 202; {@code GET /email/v1/messages?to=…} (the simulated mailbox: no auth, never
 * faulted) -> newest first.
 */
public final class EmailSimulator extends Simulator {

    public static final String MESSAGES_PATH = "/email/v1/messages";
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{4,8})(?!\\d)");

    /** A message as the recipient's mailbox holds it. */
    public record Email(String messageId, String to, String subject, String text, Instant receivedAt) {
    }

    private final String apiKey;
    private final Clock clock;
    /** Both guarded by {@code this}. */
    private final Map<String, Email> byId = new HashMap<>();
    private final Map<String, List<Email>> mailboxes = new HashMap<>();

    public EmailSimulator(String apiKey) {
        this(apiKey, Clock.systemUTC());
    }

    public EmailSimulator(String apiKey, Clock clock) {
        super(Party.EMAIL);
        this.apiKey = apiKey;
        this.clock = clock;
    }

    /** Messages delivered to an address (case-insensitive), newest first. */
    public synchronized List<Email> messagesTo(String address) {
        List<Email> newestFirst = new ArrayList<>(mailboxes.getOrDefault(address.toLowerCase(Locale.ROOT), List.of()));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The first 4-8 digit code in the newest message to that address. */
    public Optional<String> latestCode(String address) {
        return messagesTo(address).stream().findFirst().flatMap(m -> {
            Matcher matcher = CODE.matcher(m.subject() + " " + m.text());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        });
    }

    /**
     * Sends a message; idempotent on {@code messageId}.
     *
     * @throws HttpFailure 409 when the id was already used for another message
     */
    public synchronized Email send(String messageId, String to, String subject, String text) {
        Email existing = byId.get(messageId);
        if (existing != null) {
            if (!existing.to().equalsIgnoreCase(to) || !existing.subject().equals(subject) || !existing.text().equals(text)) {
                throw HttpFailure.conflict("messageId '" + messageId + "' was already used for a different message");
            }
            return existing;
        }
        Email email = new Email(messageId, to, subject, text, Instant.now(clock));
        byId.put(messageId, email);
        mailboxes.computeIfAbsent(to.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(email);
        return email;
    }

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", MESSAGES_PATH, this::sendOverHttp);
        router.simulator("GET", MESSAGES_PATH, this::mailboxOverHttp);
    }

    @Override
    protected synchronized void resetState() {
        byId.clear();
        mailboxes.clear();
    }

    private SimResponse sendOverHttp(SimRequest request) {
        Auth.requireBearer(request, apiKey);
        JsonFields f = request.fields();
        String messageId = f.requiredText("messageId", 64);
        String to = f.requiredText("to", 254);
        String subject = f.requiredText("subject", 200);
        String text = f.requiredText("text", 10_000);
        if (to != null && !ADDRESS.matcher(to).matches()) {
            f.reject("to", "must be an e-mail address");
        }
        f.throwIfInvalid();
        Email sent = send(messageId, to, subject, text);
        return SimResponse.json(202, Map.of("messageId", sent.messageId(), "status", "ACCEPTED"));
    }

    private SimResponse mailboxOverHttp(SimRequest request) {
        String to = request.query("to")
                .orElseThrow(() -> HttpFailure.badRequest("Query parameter 'to' is required", List.of()));
        return SimResponse.json(200, messagesTo(to.trim()).stream().map(m -> Map.of("messageId", m.messageId(),
                "to", m.to(), "subject", m.subject(), "text", m.text(), "receivedAt", m.receivedAt().toString())).toList());
    }
}
