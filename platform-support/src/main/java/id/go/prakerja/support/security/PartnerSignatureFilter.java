package id.go.prakerja.support.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates partner webhooks under {@code /partner/**} and runs each signed request at most
 * once. Headers: {@code X-PARTNER-ID} (the partner id as configured, any case), {@code X-TIMESTAMP}
 * (an ISO-8601 instant within the window either side of now) and
 * <pre>
 * X-SIGNATURE = Base64(HMAC-SHA256(partner secret, METHOD + "\n" + path[?query] + "\n" + X-TIMESTAMP + "\n"
 *                                  + lowercase hex(SHA-256(body bytes))))
 * </pre>
 * ({@link #stringToSign}; docs/architecture.md, "Signing a partner request", is the integrators'
 * version, with an example).
 *
 * <p>Anything wrong with the signature gets 401 problem+json and nothing runs. A verified request
 * is then matched to its receipt ({@link WebhookReceipts}): the first copy runs the handler; a copy
 * of a request already answered gets that answer again; a copy arriving while the first still runs
 * gets 409; a run that failed (5xx or exception) leaves no receipt, so the partner's retry runs.
 */
public class PartnerSignatureFilter extends OncePerRequestFilter {

    public static final String PARTNER_ID = "X-PARTNER-ID";
    public static final String TIMESTAMP = "X-TIMESTAMP";
    public static final String SIGNATURE = "X-SIGNATURE";
    private static final Logger log = LoggerFactory.getLogger(PartnerSignatureFilter.class);
    private static final int MAX_BODY = 1024 * 1024;
    private static final int SIGNATURE_BYTES = 32;
    // plain ASCII only: case-insensitive matching of other letters (the long s upper-cases to S) would
    // let several spellings name one partner
    private static final Pattern PARTNER_ID_SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    /** A partner as configured; {@code id} is the spelling the platform knows it by. */
    private record ConfiguredPartner(String id, String secret) {
    }

    /** A request whose signature checked out: who sent it, and the signature bytes that identify it. */
    private record Verified(String partnerId, byte[] signature) {
    }

    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Map<String, ConfiguredPartner> partners;
    private final Duration window;
    private final SecurityProperties.Webhook ownScheme;
    private final WebhookReceipts receipts;
    private final ProblemResponses problems;
    private final Clock clock;

    public PartnerSignatureFilter(SecurityProperties properties, JdbcTemplate jdbc, ProblemResponses problems, Clock clock) {
        this.partners = byUpperCaseId(properties.partners());
        this.window = properties.webhook().timestampWindow();
        this.ownScheme = properties.webhook();
        this.receipts = new WebhookReceipts(jdbc, properties.webhook().inProgressLease());
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * Partners send their id in upper case (SKILL_ACADEMY) but some configuration sources lower-case
     * map keys, so the header is matched without regard to case; two configured ids that differ only
     * in case would make that ambiguous and are refused at startup.
     */
    private static Map<String, ConfiguredPartner> byUpperCaseId(Map<String, SecurityProperties.Partner> configured) {
        Map<String, ConfiguredPartner> byId = new HashMap<>();
        configured.forEach((id, partner) -> {
            if (!PARTNER_ID_SHAPE.matcher(id).matches()) {
                throw new IllegalStateException("prakerja.security.partners: '" + id
                        + "' is not a partner id (letters, digits, '_', '.', '-', at most 50)");
            }
            ConfiguredPartner previous = byId.put(id.toUpperCase(Locale.ROOT), new ConfiguredPartner(id, partner.secret()));
            if (previous != null) {
                throw new IllegalStateException("prakerja.security.partners: '" + previous.id() + "' and '" + id
                        + "' differ only in case");
            }
        });
        return Map.copyOf(byId);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/partner/") || ownScheme.verifiedByService(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        Instant now = clock.instant();
        Verified verified;
        try {
            verified = verify(request, body, now);
        } catch (Refused refused) {
            String sentId = request.getHeader(PARTNER_ID);
            log.warn("partner webhook refused: partner={} path={} reason={}",
                    sentId != null && PARTNER_ID_SHAPE.matcher(sentId).matches() ? sentId : "(malformed)",
                    request.getRequestURI(), refused.getMessage());
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Webhook refused: " + refused.getMessage());
            return;
        }

        WebhookReceipts.Claim claim;
        try {
            claim = receipts.claim(verified.partnerId(), verified.signature(), now);
        } catch (DataAccessException e) {
            // the request is fine; without its receipt it cannot be run safely, so the partner retries later
            log.warn("partner webhook not run, receipts unavailable: partner={} path={} error={}",
                    verified.partnerId(), request.getRequestURI(), e.getClass().getSimpleName());
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "webhook-unavailable", null);
            return;
        }
        switch (claim) {
            case WebhookReceipts.Claim.Answer answer -> answerAgain(request, response, verified, answer);
            case WebhookReceipts.Claim.Busy busy -> {
                log.info("partner webhook still in progress: partner={} path={}", verified.partnerId(), request.getRequestURI());
                problems.write(request, response, HttpStatus.CONFLICT, "webhook-in-progress", null);
            }
            case WebhookReceipts.Claim.Run run -> run(request, response, chain, verified, body);
        }
    }

    private Verified verify(HttpServletRequest request, byte[] body, Instant now) throws Refused {
        String partnerId = request.getHeader(PARTNER_ID);
        String timestamp = request.getHeader(TIMESTAMP);
        String signature = request.getHeader(SIGNATURE);
        if (partnerId == null || timestamp == null || signature == null) {
            throw new Refused("missing signature headers");
        }
        if (body.length > MAX_BODY) {
            throw new Refused("body too large");
        }
        ConfiguredPartner partner = PARTNER_ID_SHAPE.matcher(partnerId).matches()
                ? partners.get(partnerId.toUpperCase(Locale.ROOT)) : null;
        if (partner == null) {
            throw new Refused("unknown partner");
        }
        Instant sentAt;
        try {
            sentAt = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new Refused("timestamp is not an ISO-8601 instant");
        }
        if (sentAt.isBefore(now.minus(window)) || sentAt.isAfter(now.plus(window))) {
            throw new Refused("timestamp outside the accepted window");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new Refused("signature is not base64");
        }
        byte[] expected = sign(partner.secret(), request.getMethod(), target(request), timestamp, body);
        if (given.length != SIGNATURE_BYTES || !MessageDigest.isEqual(expected, given)) {
            throw new Refused("bad signature");
        }
        // the key of the receipt is what we computed, not what was sent: every spelling of these bytes is one request
        return new Verified(partner.id(), expected);
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Verified verified,
            byte[] body) throws IOException, ServletException {
        var authentication = new UsernamePasswordAuthenticationToken(verified.partnerId(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PARTNER)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        // the answer is held back until it is recorded, so that a repeat can be given exactly the same one
        var captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
        } catch (IOException | ServletException | RuntimeException e) {
            releaseQuietly(verified);
            captured.copyBodyToResponse();
            throw e;
        }
        int status = captured.getStatus();
        // a 5xx may have changed nothing or half of something: the partner's retry must run again. A response
        // already sent (sendError) is not held in the buffer, so there is no answer to repeat: run again too.
        if (status >= 500 || response.isCommitted()) {
            releaseQuietly(verified);
        } else {
            try {
                receipts.complete(verified.partnerId(), verified.signature(), status, captured.getContentType(),
                        captured.getContentAsByteArray(), clock.instant());
            } catch (DataAccessException e) {
                // the handler did its work; the row stays IN_PROGRESS and a repeat after the lease runs it again,
                // which handlers must tolerate (they key their effects on the partner's own event or reference id)
                log.error("partner webhook answered but its receipt was not completed: partner={} path={} error={}",
                        verified.partnerId(), request.getRequestURI(), e.getClass().getSimpleName());
            }
        }
        captured.copyBodyToResponse();
    }

    private void answerAgain(HttpServletRequest request, HttpServletResponse response, Verified verified,
            WebhookReceipts.Claim.Answer answer) throws IOException {
        log.info("partner webhook answered again from its receipt: partner={} path={} status={}",
                verified.partnerId(), request.getRequestURI(), answer.status());
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void releaseQuietly(Verified verified) {
        try {
            receipts.release(verified.partnerId(), verified.signature());
        } catch (DataAccessException e) {
            // the row stays IN_PROGRESS: a retry gets 409 until the lease ends, then runs
            log.warn("partner webhook receipt not released: partner={} error={}", verified.partnerId(),
                    e.getClass().getSimpleName());
        }
    }

    /** The request target as it arrived: the raw path and, when there is one, "?" and the raw query. */
    static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || query.isEmpty() ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    /**
     * The text a partner signs (docs/architecture.md, "Signing a partner request"); public so simulators
     * and tests can show it.
     */
    public static String stringToSign(String method, String target, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return method + "\n" + target + "\n" + timestamp + "\n" + bodyHash;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature bytes for {@link #stringToSign}; X-SIGNATURE is their standard Base64. */
    public static byte[] sign(String secret, String method, String target, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(stringToSign(method, target, timestamp, body).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Forgets receipts no timestamp could still match: a request may carry a timestamp up to one window
     * ahead, which stays acceptable until two windows after it arrived; a third window allows for
     * replicas whose clocks differ.
     */
    public int purgeReceipts() {
        return receipts.purgeReceivedBefore(clock.instant().minus(window.multipliedBy(3)));
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
