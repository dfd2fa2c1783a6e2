package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.go.prakerja.payment.partner.PartnerAnswer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** What the answers about every reference of a payment in doubt say together, in plain Java. */
class ReferenceCheckTest {

    @Provide
    Arbitrary<PartnerAnswer.Kind> kinds() {
        return Arbitraries.of(PartnerAnswer.Kind.values());
    }

    @Property
    void paid_only_on_a_credit_failed_only_when_every_reference_is_shown_uncredited(
            @ForAll @Size(min = 1, max = 5) List<PartnerAnswer.@From("kinds") Kind> kinds) {
        List<ReferenceCheck.Asked> asked = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            asked.add(new ReferenceCheck.Asked("PKREF" + (i + 1), answer(kinds.get(i), i + 1)));
        }
        ReferenceCheck.Result result = ReferenceCheck.combine(asked);
        int firstPaid = kinds.indexOf(PartnerAnswer.Kind.PAID);
        if (firstPaid >= 0) {
            assertThat(result.answer().kind()).isEqualTo(PartnerAnswer.Kind.PAID);
            assertThat(result.creditedReference()).isEqualTo("PKREF" + (firstPaid + 1));
            assertThat(result.answer().partnerReference()).isEqualTo("THEIRS" + (firstPaid + 1));
        } else if (kinds.stream().allMatch(k -> k == PartnerAnswer.Kind.NOT_FOUND || k == PartnerAnswer.Kind.FAILED)) {
            assertThat(result.answer().kind()).isEqualTo(PartnerAnswer.Kind.FAILED);
            assertThat(result.answer().reasonCode()).as("the refusal's own reason is kept").isNull();
            assertThat(result.creditedReference()).isNull();
        } else {
            assertThat(result.answer().kind()).isEqualTo(PartnerAnswer.Kind.UNKNOWN);
            assertThat(result.creditedReference()).isNull();
        }
        // whatever it says names every reference it asked
        asked.forEach(a -> assertThat(result.answer().detail()).contains(a.partnerReferenceNo()));
    }

    @Test
    void nothing_asked_proves_nothing() {
        assertThat(ReferenceCheck.combine(List.of()).answer().kind()).isEqualTo(PartnerAnswer.Kind.UNKNOWN);
    }

    private static PartnerAnswer answer(PartnerAnswer.Kind kind, int n) {
        return switch (kind) {
            case PAID -> PartnerAnswer.paid("THEIRS" + n, "2003900");
            case PENDING -> PartnerAnswer.pending("THEIRS" + n, "2003900");
            case FAILED -> PartnerAnswer.failed("4033902", "LIMIT_EXCEEDED", "limit");
            case UNKNOWN -> PartnerAnswer.unknown("TIMEOUT", "no answer");
            case NOT_FOUND -> PartnerAnswer.notFound("4043901");
            case NOT_SENT -> PartnerAnswer.notSent("429", Duration.ofSeconds(1), "rate");
        };
    }
}
