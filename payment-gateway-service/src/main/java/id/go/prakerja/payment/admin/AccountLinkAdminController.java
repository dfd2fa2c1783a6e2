package id.go.prakerja.payment.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.account.NameMatch;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Payout-account verifications for operators: the decision, the name score and the word-by-word
 * comparison behind it with every name word masked, and the holder masked. Never a full name
 * (neither the participant's nor the partner's holder), never the NIK or the phone; the account
 * number is masked. It reads only columns kept masked and never opens a sealed one.
 */
@RestController
@Tag(name = "Payout accounts (operators)")
public class AccountLinkAdminController {

    public enum LinkStatus {
        PENDING, VERIFIED, REJECTED
    }

    private static final String COLUMNS = """
            link_id, participant_id, partner, account_masked, status, reason_code, holder_masked, name_score,
            name_comparison, partner_raw_code, attempts, created_at, decided_at""";

    private final JdbcTemplate jdbc;

    public AccountLinkAdminController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record LinkView(String linkId, String participantId, String partner, String account, String status,
            String reasonCode, String holderMasked, Integer nameScore, String nameComparison, String partnerRawCode,
            int attempts, String createdAt, String decidedAt) {
    }

    @GetMapping("/admin/payments/account-links")
    @Operation(summary = "Payout-account verifications by status and partner, newest first")
    public List<LinkView> list(@RequestParam(required = false) LinkStatus status,
            @RequestParam(required = false) PayoutPartner partner, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "PAGE_INVALID", 500);
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            where.append(" and status = ?");
            args.add(status.name());
        }
        if (partner != null) {
            where.append(" and partner = ?");
            args.add(partner.name());
        }
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from account_link" + where + " order by created_at desc limit ? offset ?",
                (rs, n) -> view(rs), args.toArray());
    }

    @GetMapping("/admin/payments/account-links/{linkId}")
    @Operation(summary = "One payout-account verification with its name comparison")
    public LinkView one(@PathVariable UUID linkId) {
        return jdbc.query("select " + COLUMNS + " from account_link where link_id = ?", (rs, n) -> view(rs), linkId)
                .stream().findFirst().orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "ACCOUNT_LINK_NOT_FOUND"));
    }

    private static LinkView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp decided = rs.getTimestamp("decided_at");
        Integer nameScore = (Integer) rs.getObject("name_score");
        // kept masked since V7; masked again here, so no name word can reach an operator whatever the row holds
        String comparison = nameScore == null ? rs.getString("name_comparison") : NameMatch.maskWords(rs.getString("name_comparison"));
        return new LinkView(rs.getString("link_id"), rs.getString("participant_id"), rs.getString("partner"),
                rs.getString("account_masked"), rs.getString("status"), rs.getString("reason_code"),
                rs.getString("holder_masked"), nameScore, comparison, rs.getString("partner_raw_code"),
                rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant().toString(),
                decided == null ? null : decided.toInstant().toString());
    }

}
