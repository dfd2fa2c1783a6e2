package id.go.prakerja.incentive.payout;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.incentive.IncentiveProperties;

/**
 * Whether a new payout run waits for two operators' approval, and the incentive budget a run is
 * previewed and approved against. Configured by default, and changeable by an operator at run
 * time (kept in the database, so every instance reads the same). A run keeps the mode it was
 * opened with.
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

    public void setBudget(long budget, String operator) {
        jdbc.update("""
                insert into payout_setting (name, value, changed_by, changed_at) values ('budget', ?, ?, ?)
                on conflict (name) do update set value = excluded.value, changed_by = excluded.changed_by,
                                                 changed_at = excluded.changed_at""",
                Long.toString(budget), operator, Timestamp.from(clock.instant()));
        // a run stopped at the old budget goes on; if the new one is still too small it stops again
        int resumed = jdbc.update("update payout_run set status = 'RUNNING' where status = 'OVER_BUDGET'");
        log.info("incentive budget set to {} by {}{}", budget, operator,
                resumed == 0 ? "" : "; " + resumed + " payout run(s) stopped at the budget resume");
    }

    public void set(boolean required, String operator) {
        jdbc.update("""
                insert into payout_setting (name, value, changed_by, changed_at) values (?, ?, ?, ?)
                on conflict (name) do update set value = excluded.value, changed_by = excluded.changed_by,
                                                 changed_at = excluded.changed_at""",
                NAME, Boolean.toString(required), operator, Timestamp.from(clock.instant()));
        log.info("payout runs {} by {}", required ? "now require two operators' approval" : "now start by themselves", operator);
    }
}
