package id.go.prakerja.incentive.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import id.go.prakerja.incentive.integrity.SharedPayoutAccount.Decision;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount.Link;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount.LinkStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Who one payout account involves, and whom a signal holds: the rule, whatever the links and their order. */
class SharedPayoutAccountTest {

    /** A few participants, so that links often share one. */
    private static final List<UUID> PARTICIPANTS = List.of(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3), new UUID(0, 4),
            new UUID(0, 5));

    @Provide
    Arbitrary<Link> links() {
        return Combinators.combine(Arbitraries.of(PARTICIPANTS), Arbitraries.of(LinkStatus.class), Arbitraries.of(true, false))
                .as((participant, status, verified) -> new Link(participant, status,
                        status == LinkStatus.VERIFIED || (status != LinkStatus.PENDING && status != LinkStatus.REJECTED && verified)));
    }

    private static boolean mayCarryMoney(Link link) {
        return link.status() == LinkStatus.PENDING || link.status() == LinkStatus.VERIFIED
                || (link.status() == LinkStatus.UNLINKED && link.everVerified());
    }

    @Property
    void an_account_involves_everyone_whose_link_may_carry_their_money_once_they_are_two_or_more(
            @ForAll @Size(max = 12) List<@From("links") Link> links) {
        Set<UUID> carrying = links.stream().filter(SharedPayoutAccountTest::mayCarryMoney).map(Link::participantId)
                .collect(Collectors.toSet());
        Set<UUID> involved = SharedPayoutAccount.involved(links);
        if (carrying.size() >= 2) {
            assertThat(involved).isEqualTo(carrying);
        } else {
            assertThat(involved).isEmpty();
        }
    }

    @Property
    void a_rejected_link_or_one_unlinked_before_the_partner_verified_it_involves_nobody(
            @ForAll @Size(max = 12) List<@From("links") Link> links) {
        List<Link> refused = links.stream().filter(l -> !mayCarryMoney(l)).toList();
        assertThat(SharedPayoutAccount.involved(refused)).isEmpty();
        // and adding them to any set of links changes nobody's involvement
        List<Link> carrying = links.stream().filter(SharedPayoutAccountTest::mayCarryMoney).toList();
        assertThat(SharedPayoutAccount.involved(links)).isEqualTo(SharedPayoutAccount.involved(carrying));
    }

    @Property
    void one_participant_linking_the_same_account_again_and_again_is_no_signal(
            @ForAll @IntRange(min = 1, max = 10) int times, @ForAll("links") Link link) {
        assertThat(SharedPayoutAccount.involved(Collections.nCopies(times, link))).isEmpty();
    }

    /**
     * Links of one account commit one after another (the account's lock); each sees those committed
     * before it. Whatever the order, the participants the signal records (everyone involved as any
     * link saw it) are the same: everyone whose link may carry their money, once two do.
     */
    @Property
    void in_whatever_order_links_commit_the_signal_records_the_same_participants(
            @ForAll @Size(max = 10) List<@From("links") Link> links, @ForAll long seed) {
        Set<UUID> inOrder = recorded(links);
        List<Link> shuffled = new ArrayList<>(links);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(recorded(shuffled)).isEqualTo(inOrder).isEqualTo(SharedPayoutAccount.involved(links));
    }

    private static Set<UUID> recorded(List<Link> commits) {
        Set<UUID> members = new HashSet<>();
        for (int i = 1; i <= commits.size(); i++) {
            members.addAll(SharedPayoutAccount.involved(commits.subList(0, i)));
        }
        return members;
    }

    @Property
    void a_confirmed_signal_holds_always_an_open_one_while_signals_hold_payment_a_cleared_one_never(
            @ForAll @Size(max = 6) List<Decision> decisions, @ForAll boolean holdsPayment) {
        boolean held = SharedPayoutAccount.held(decisions, holdsPayment);
        if (decisions.contains(Decision.CONFIRMED)) {
            assertThat(held).isTrue();
        } else if (decisions.contains(Decision.OPEN)) {
            assertThat(held).isEqualTo(holdsPayment);
        } else {
            assertThat(held).as("cleared everywhere, or in no signal").isFalse();
        }
        List<Decision> reversed = new ArrayList<>(decisions);
        Collections.reverse(reversed);
        assertThat(SharedPayoutAccount.held(reversed, holdsPayment)).isEqualTo(held);
    }

    @Property
    void clearing_a_participant_in_one_signal_does_not_free_them_from_another_still_open(
            @ForAll @IntRange(min = 1, max = 5) int otherSignals) {
        List<Decision> decisions = new ArrayList<>(Collections.nCopies(otherSignals, Decision.CLEARED));
        decisions.add(Decision.OPEN);
        assertThat(SharedPayoutAccount.held(decisions, true)).isTrue();
        decisions.set(decisions.size() - 1, Decision.CLEARED);
        assertThat(SharedPayoutAccount.held(decisions, true)).isFalse();
    }
}
