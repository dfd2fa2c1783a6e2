package id.go.prakerja.training.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.training.ledger.AccountBalance;
import id.go.prakerja.training.purchase.PurchaseRules.Refusal;
import id.go.prakerja.training.purchase.PurchaseRules.Situation;

class PurchaseRulesTest {

    private static final AccountBalance FULL = new AccountBalance(1_000_000, 0, 0, 0);

    @Test
    void a_selected_participant_with_enough_balance_buys_a_first_training() {
        assertThat(PurchaseRules.check(new Situation(true, false, false, false, false, false, FULL), 1_000_000)).isEmpty();
        assertThat(PurchaseRules.isFirst(false, false)).isTrue();
    }

    @Test
    void a_further_training_only_after_the_first_is_completed() {
        assertThat(PurchaseRules.check(new Situation(true, false, false, false, false, true, FULL), 100_000))
                .contains(Refusal.FIRST_TRAINING_NOT_COMPLETED);
        assertThat(PurchaseRules.check(new Situation(true, false, false, false, true, true, FULL), 100_000)).isEmpty();
        assertThat(PurchaseRules.isFirst(true, false)).isFalse();
    }

    @Test
    void never_more_than_what_is_available_reserved_amounts_included() {
        AccountBalance reserved = new AccountBalance(1_000_000, 400_000, 400_000, 0);
        assertThat(reserved.available()).isEqualTo(200_000);
        assertThat(PurchaseRules.check(new Situation(true, false, false, false, true, false, reserved), 200_001))
                .contains(Refusal.INSUFFICIENT_BALANCE);
        assertThat(PurchaseRules.check(new Situation(true, false, false, false, true, false, reserved), 200_000)).isEmpty();
    }

    @Test
    void refusals_in_order_not_selected_revoked_closed_held() {
        assertThat(PurchaseRules.check(new Situation(false, true, true, true, false, true, FULL), 1)).contains(Refusal.NOT_SELECTED);
        assertThat(PurchaseRules.check(new Situation(true, true, true, true, false, true, FULL), 1)).contains(Refusal.PARTICIPANT_REVOKED);
        assertThat(PurchaseRules.check(new Situation(true, false, true, true, false, true, FULL), 1)).contains(Refusal.BALANCE_CLOSED);
        assertThat(PurchaseRules.check(new Situation(true, false, false, true, true, false, FULL), 1)).contains(Refusal.TRAINING_ALREADY_HELD);
    }

    @Test
    void voucher_codes_are_typeable_and_distinct() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = VoucherCodes.next();
            assertThat(code).matches("PK[2-9A-HJKMNP-Z]{10}");
            codes.add(code);
        }
        assertThat(codes).hasSize(10_000);
    }
}
