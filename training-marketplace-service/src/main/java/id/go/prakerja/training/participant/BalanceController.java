package id.go.prakerja.training.participant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.ledger.AccountBalance;
import id.go.prakerja.training.ledger.Accounts;
import id.go.prakerja.training.ledger.Ledger;

/** The participant's training balance: what they got, what is reserved, spent and available, every entry. */
@RestController
public class BalanceController {

    private final JdbcTemplate jdbc;
    private final Ledger ledger;

    public BalanceController(JdbcTemplate jdbc, Ledger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * @param status ACTIVE, REVOKED, FORFEITED (deadline missed) or EXPIRED (programme ended)
     */
    public record BalanceView(UUID participantId, String cardNumber, String status, long granted, long available,
            long reserved, long spent, long returnedToProgramme, Instant firstPurchaseDeadline, Instant firstPurchaseMadeAt,
            Instant programmeEndsAt, List<Ledger.EntryView> entries) {
    }

    @GetMapping("/api/v1/balance/me")
    public BalanceView mine(Authentication auth) {
        UUID id = CurrentParticipant.id(auth);
        Map<String, Object> p = jdbc.queryForList("""
                select card_number, first_purchase_deadline, first_purchased_at, programme_ends_at, revoked_at, closed_reason
                  from participant where id = ? and selected_at is not null""", id).stream().findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "BALANCE_NOT_FOUND"));
        String account = Accounts.participant(id);
        AccountBalance balance = ledger.balance(account);
        List<Ledger.EntryView> entries = ledger.entries(account);
        long granted = sum(entries, "OPEN", "C");
        long spent = entries.stream().filter(e -> e.kind().equals("PURCHASE") && e.side().equals("D")
                && e.status().equals("POSTED")).mapToLong(Ledger.EntryView::amount).sum();
        long returned = sum(entries, "FORFEIT", "D");
        String status = p.get("revoked_at") != null ? "REVOKED"
                : "DEADLINE".equals(p.get("closed_reason")) ? "FORFEITED"
                : "PROGRAMME_END".equals(p.get("closed_reason")) ? "EXPIRED" : "ACTIVE";
        return new BalanceView(id, (String) p.get("card_number"), status, granted, balance.available(), balance.reserved(),
                spent, returned, instant(p.get("first_purchase_deadline")), instant(p.get("first_purchased_at")),
                instant(p.get("programme_ends_at")), entries);
    }

    private static long sum(List<Ledger.EntryView> entries, String kind, String side) {
        return entries.stream().filter(e -> e.kind().equals(kind) && e.side().equals(side) && e.status().equals("POSTED"))
                .mapToLong(Ledger.EntryView::amount).sum();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
