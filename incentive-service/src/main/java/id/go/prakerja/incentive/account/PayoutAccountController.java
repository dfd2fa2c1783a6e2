package id.go.prakerja.incentive.account;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.support.security.CurrentParticipant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A participant's own payout account: link one, see the partner's verdict, unlink it. */
@RestController
@Tag(name = "Payout account")
public class PayoutAccountController {

    private final PayoutAccounts accounts;

    public PayoutAccountController(PayoutAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * @param accountNumber BNI account number (BNI only)
     * @param phone         the e-wallet's phone number (LINKAJA, OVO, GOPAY); must be the registered phone
     */
    public record LinkRequest(PayoutPartner partner, String accountNumber, String phone) {
    }

    @PostMapping("/api/v1/payout-account")
    @Operation(summary = "Link my payout account: a BNI account number, or a LinkAja, OVO or GoPay e-wallet by phone")
    public ResponseEntity<PayoutAccountView> link(Authentication authentication, @RequestBody LinkRequest request,
            Locale locale) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accounts.link(CurrentParticipant.id(authentication),
                request.partner(), request.accountNumber(), request.phone(), locale));
    }

    @GetMapping("/api/v1/payout-account")
    @Operation(summary = "My payout account: PENDING, VERIFIED, or REJECTED with what to do")
    public PayoutAccountView mine(Authentication authentication, Locale locale) {
        return accounts.current(CurrentParticipant.id(authentication), locale);
    }

    @DeleteMapping("/api/v1/payout-account")
    @Operation(summary = "Unlink my payout account, so that I can link another")
    public ResponseEntity<Void> unlink(Authentication authentication) {
        accounts.unlink(CurrentParticipant.id(authentication));
        return ResponseEntity.noContent().build();
    }
}
