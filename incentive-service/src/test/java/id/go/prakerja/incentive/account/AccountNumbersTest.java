package id.go.prakerja.incentive.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.PayoutPartner;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class AccountNumbersTest {

    @Test
    void e_wallet_phones_are_normalised_like_registration_keeps_them() {
        assertThat(AccountNumbers.normalise(PayoutPartner.OVO, "0812-3456-7890")).contains("+6281234567890");
        assertThat(AccountNumbers.normalise(PayoutPartner.GOPAY, "62 812 3456 7890")).contains("+6281234567890");
        assertThat(AccountNumbers.normalise(PayoutPartner.LINKAJA, "+6281234567890")).contains("+6281234567890");
        assertThat(AccountNumbers.normalise(PayoutPartner.OVO, "021 555 1234")).isEmpty();
        assertThat(AccountNumbers.normalise(PayoutPartner.OVO, "0123456789")).isEmpty();
    }

    @Test
    void a_bni_account_is_ten_to_sixteen_digits() {
        assertThat(AccountNumbers.normalise(PayoutPartner.BNI, "0123 456 789")).contains("0123456789");
        assertThat(AccountNumbers.normalise(PayoutPartner.BNI, "123456789")).isEmpty();
        assertThat(AccountNumbers.normalise(PayoutPartner.BNI, "12345678901234567")).isEmpty();
        assertThat(AccountNumbers.normalise(PayoutPartner.BNI, "01234x6789")).isEmpty();
    }

    @Property
    void nothing_throws_and_anything_accepted_is_accepted_again_unchanged(@ForAll String text,
            @ForAll PayoutPartner partner) {
        AccountNumbers.normalise(partner, text)
                .ifPresent(account -> assertThat(AccountNumbers.normalise(partner, account)).contains(account));
    }

    @Test
    void only_the_last_four_are_shown() {
        assertThat(AccountNumbers.mask("+6281234567890")).isEqualTo("**********7890");
    }
}
