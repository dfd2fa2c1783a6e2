package id.go.prakerja.incentive.payout;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.incentive.IncentiveProperties;

/**
 * Whether a new payout run waits for two operators' approval, the incentive budget a run is
 * previewed and approved against, and the most one participant may be requested in total (the
 * guard's maximum). Configured by default, and changed at run time only through a change request
 * two different operators agreed on ({@code ChangeRequests}); kept in the database, so every
 * instance reads the same. A run keeps the mode it was opened with.
 */
@Service
public class ApprovalSetting {

    private static final Logger log = LoggerFactory.getLogger(ApprovalSetting.class);
    private static final String NAME = "approval-required";

    private final JdbcTemplate jdbc;
    private final IncentiveProperties settings;
    private final Clock clock;

    public ApprovalSetting(JdbcTemplate jdbc, IncentiveProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public boolean approvalRequired() {
        return jdbc.query("select value from payout_setting where name = ?", (rs, i) -> Boolean.parseBoolean(rs.getString(1)),
                NAME).stream().findFirst().orElse(settings.runs().approvalRequired());
    }

    /** The programme's incentive budget: configured, or as an operator last set it. */
    public long budget() {
        return jdbc.query("select value from payout_setting where name = 'budget'", (rs, i) -> Long.parseLong(rs.getString(1)))
                .stream().findFirst().orElse(settings.runs().budget());
    }

    /** What the guard lets one participant be requested in total: configured, or as operators last set it. */
    public long maxPerParticipant() {
        return jdbc.query("select value from payout_setting where name = 'max-per-participant'",
                (rs, i) -> Long.parseLong(rs.getString(1))).stream().findFirst().orElse(settings.maxPerParticipant());
    }

    public void setMaxPerParticipant(long max, String operator) {
        store("max-per-participant", Long.toString(max), operator);
        log.warn("the guard's maximum per participant set to {} by {}", max, operator);
    }

    private void store(String name, String value, String operator) {
        jdbc.update("""
                insert into payout_setting (name, value, changed_by, changed_at) values (?, ?, ?, ?)
                on conflict (name) do update set value = excluded.value, changed_by = excluded.changed_by,
                                                 changed_at = excluded.changed_at""",
                name, value, operator.length() > 200 ? operator.substring(0, 200) : operator, Timestamp.from(clock.instant()));
    }

    public void setBudget(long budget, String operator) {
        store("budget", Long.toString(budget), operator);
        // a run stopped at the old budget goes on; if the new one is still too small it stops again
        int resumed = jdbc.update("update payout_run set status = 'RUNNING' where status = 'OVER_BUDGET'");
        log.info("incentive budget set to {} by {}{}", budget, operator,
                resumed == 0 ? "" : "; " + resumed + " payout run(s) stopped at the budget resume");
    }

    public void set(boolean required, String operator) {
        store(NAME, Boolean.toString(required), operator);
        log.info("payout runs {} by {}", required ? "now require two operators' approval" : "now start by themselves", operator);
    }
}
