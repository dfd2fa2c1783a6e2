package id.go.prakerja.support.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates partner webhooks under {@code /partner/**}: {@code X-PARTNER-ID},
 * {@code X-TIMESTAMP} (ISO-8601 instant) and {@code X-SIGNATURE} =
 * Base64(HMAC-SHA256(partner secret, timestamp + "." + body)). A stale timestamp, a wrong
 * signature or a signature seen before gets 401 and the request goes no further.
 */
public class PartnerSignatureFilter extends OncePerRequestFilter {

    public static final String PARTNER_ID = "X-PARTNER-ID";
    public static final String TIMESTAMP = "X-TIMESTAMP";
    public static final String SIGNATURE = "X-SIGNATURE";
    private static final Logger log = LoggerFactory.getLogger(PartnerSignatureFilter.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final Map<String, SecurityProperties.Partner> partners;
    private final Duration window;
    private final JdbcTemplate jdbc;
    private final ProblemResponses problems;
    private final Clock clock;

    public PartnerSignatureFilter(SecurityProperties properties, JdbcTemplate jdbc, ProblemResponses problems, Clock clock) {
        // partner ids arrive as X-PARTNER-ID (e.g. SKILL_ACADEMY); configuration sources may lower-case them
        this.partners = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.partners.putAll(properties.partners());
        this.window = properties.webhook().timestampWindow();
        this.jdbc = jdbc;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/partner/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String partnerId = request.getHeader(PARTNER_ID);
        String timestamp = request.getHeader(TIMESTAMP);
        String signature = request.getHeader(SIGNATURE);
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        String refusal = refusal(partnerId, timestamp, signature, body);
        if (refusal != null) {
            log.warn("partner webhook refused: partner={} path={} reason={}", partnerId, request.getRequestURI(), refusal);
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Webhook refused: " + refusal);
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(partnerId, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PARTNER)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private String refusal(String partnerId, String timestamp, String signature, byte[] body) {
        if (partnerId == null || timestamp == null || signature == null) {
            return "missing signature headers";
        }
        if (body.length > MAX_BODY) {
            return "body too large";
        }
        SecurityProperties.Partner partner = partners.get(partnerId);
        if (partner == null) {
            return "unknown partner";
        }
        Instant sentAt;
        try {
            sentAt = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return "timestamp is not an ISO-8601 instant";
        }
        Instant now = clock.instant();
        if (sentAt.isBefore(now.minus(window)) || sentAt.isAfter(now.plus(window))) {
            return "timestamp outside the accepted window";
        }
        byte[] expected = sign(partner.secret(), timestamp, body);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return "signature is not base64";
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return "bad signature";
        }
        int fresh = jdbc.update("""
                insert into webhook_receipt (partner_id, signature, received_at) values (?, ?, ?)
                on conflict do nothing
                """, partnerId, signature, Timestamp.from(now));
        if (fresh == 0) {
            return "replayed request";
        }
        return null;
    }

    /** The signature a partner must send; public so simulators and tests sign the same way. */
    public static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets receipts old enough that their timestamps would be refused anyway. */
    public int purgeReceipts() {
        return jdbc.update("delete from webhook_receipt where received_at < ?",
                Timestamp.from(clock.instant().minus(window.multipliedBy(2))));
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
