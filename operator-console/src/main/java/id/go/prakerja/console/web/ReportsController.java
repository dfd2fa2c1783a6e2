package id.go.prakerja.console.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.console.backlog.AgeBucket;
import id.go.prakerja.console.backlog.BacklogQuery;
import id.go.prakerja.console.funnel.Funnel;
import id.go.prakerja.console.funnel.FunnelQuery;
import id.go.prakerja.console.money.MoneyQuery;
import id.go.prakerja.console.operations.OperationsQuery;
import id.go.prakerja.console.readmodel.ReadModelRebuild;
import id.go.prakerja.console.timeline.TimelineQuery;
import id.go.prakerja.support.web.DateInRange;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Every number of the console's page, as JSON and each table as CSV (same path + {@code .csv}).
 * {@code asOf} (ISO-8601 instant) reproduces the funnel and the money at any past moment.
 */
@RestController
@RequestMapping("/admin/reports")
@Tag(name = "Reports")
public class ReportsController {

    private final FunnelQuery funnel;
    private final BacklogQuery backlog;
    private final TimelineQuery timeline;
    private final MoneyQuery money;
    private final OperationsQuery operations;
    private final ReadModelRebuild rebuild;
    private final Clock clock;

    public ReportsController(FunnelQuery funnel, BacklogQuery backlog, TimelineQuery timeline, MoneyQuery money,
            OperationsQuery operations, ReadModelRebuild rebuild, Clock clock) {
        this.funnel = funnel;
        this.backlog = backlog;
        this.timeline = timeline;
        this.money = money;
        this.operations = operations;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    private Instant asOfOrNow(Instant asOf) {
        return asOf == null ? clock.instant() : asOf;
    }

    @GetMapping("/funnel")
    @Operation(summary = "The funnel as of an instant (default now): in total, per wave and per province, with conversion between steps")
    public Funnel funnel(@RequestParam(required = false) @DateInRange Instant asOf) {
        return funnel.asOf(asOfOrNow(asOf));
    }

    @GetMapping("/funnel.csv")
    @Operation(summary = "The funnel as CSV: one row per group (total, wave n, province nn) and step")
    public ResponseEntity<String> funnelCsv(@RequestParam(required = false) @DateInRange Instant asOf) {
        Funnel result = funnel.asOf(asOfOrNow(asOf));
        List<List<?>> rows = new ArrayList<>();
        result.steps().forEach(s -> rows.add(List.of(result.asOf(), "total", "-", s.step(), s.count(), orEmpty(s.conversion()))));
        result.byWave().forEach(g -> g.steps().forEach(s -> rows.add(List.of(result.asOf(), "wave", g.key(), s.step(), s.count(),
                orEmpty(s.conversion())))));
        result.byProvince().forEach(g -> g.steps().forEach(s -> rows.add(List.of(result.asOf(), "province", g.key(), s.step(),
                s.count(), orEmpty(s.conversion())))));
        return Csv.download("funnel.csv", List.of("asOf", "grouping", "group", "step", "count", "conversion"), rows);
    }

    @GetMapping("/backlog")
    @Operation(summary = "How many participants wait at each step now, by age and reason")
    public BacklogQuery.Backlog backlog() {
        return backlog.now();
    }

    @GetMapping("/backlog.csv")
    public ResponseEntity<String> backlogCsv() {
        BacklogQuery.Backlog result = backlog.now();
        List<String> header = new ArrayList<>(List.of("stage", "reason", "waiting"));
        for (AgeBucket bucket : AgeBucket.values()) {
            header.add(bucket.name());
        }
        List<List<?>> rows = new ArrayList<>();
        result.stages().forEach(stage -> stage.reasons().forEach(reason -> {
            List<Object> row = new ArrayList<>(List.of(stage.stage(), reason.reason(), reason.waiting()));
            for (AgeBucket bucket : AgeBucket.values()) {
                row.add(reason.byAge().get(bucket));
            }
            rows.add(row);
        }));
        return Csv.download("backlog.csv", header, rows);
    }

    @GetMapping("/backlog/{stage}/participants")
    @Operation(summary = "The participants waiting at a step (optionally for one reason), longest waiting first; no personal data")
    public List<BacklogQuery.Waiting> waiting(@PathVariable String stage, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return backlog.waiting(knownStage(stage), reason, limit, offset);
    }

    @GetMapping("/backlog/{stage}/participants.csv")
    public ResponseEntity<String> waitingCsv(@PathVariable String stage, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "10000") @Min(1) @Max(100000) int limit) {
        List<List<?>> rows = backlog.waiting(knownStage(stage), reason, limit, 0).stream()
                .map(w -> List.<Object>of(w.participantId(), orEmpty(w.province()), orEmpty(w.waveNumber()), w.stage(), w.reason(),
                        w.since(), w.waitedHours(), w.age()))
                .<List<?>>map(row -> row).toList();
        return Csv.download("waiting-" + stage.toLowerCase() + ".csv",
                List.of("participantId", "province", "wave", "stage", "reason", "since", "waitedHours", "age"), rows);
    }

    @GetMapping("/participants/{participantId}/timeline")
    @Operation(summary = "Every event about one participant across all services, in order, and where they wait now")
    public TimelineQuery.Timeline timeline(@PathVariable UUID participantId) {
        return timeline.of(participantId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_UNKNOWN"));
    }

    @GetMapping("/participants/{participantId}/timeline.csv")
    public ResponseEntity<String> timelineCsv(@PathVariable UUID participantId) {
        TimelineQuery.Timeline result = timeline(participantId);
        List<List<?>> rows = result.events().stream()
                .<List<?>>map(e -> List.of(e.occurredAt(), e.service(), e.type(), e.eventId(), e.detail().toString())).toList();
        return Csv.download("timeline-" + participantId + ".csv", List.of("occurredAt", "service", "type", "eventId", "detail"), rows);
    }

    @GetMapping("/money")
    @Operation(summary = "Training balances, incentives (per partner and in total), the partners' settlement reports against our payments (per partner and business day), in rupiah, and the integrity signals per kind (open, participants held, cleared, confirmed), as of an instant")
    public MoneyQuery.Money money(@RequestParam(required = false) @DateInRange Instant asOf) {
        return money.asOf(asOfOrNow(asOf));
    }

    @GetMapping("/money.csv")
    public ResponseEntity<String> moneyCsv(@RequestParam(required = false) @DateInRange Instant asOf) {
        MoneyQuery.Money result = money.asOf(asOfOrNow(asOf));
        List<List<?>> rows = new ArrayList<>();
        var b = result.balances();
        rows.add(List.of("training-balance", "-", "issued", "", b.issued()));
        rows.add(List.of("training-balance", "-", "spent", "", b.spent()));
        rows.add(List.of("training-balance", "-", "forfeited", "", b.forfeited()));
        rows.add(List.of("training-balance", "-", "reserved", "", b.reserved()));
        List<MoneyQuery.Incentives> all = new ArrayList<>(result.incentivesByPartner());
        all.add(result.incentivesTotal());
        for (MoneyQuery.Incentives i : all) {
            rows.add(List.of("incentive", i.partner(), "entitled", i.entitled().count(), i.entitled().rupiah()));
            rows.add(List.of("incentive", i.partner(), "requested", i.requested().count(), i.requested().rupiah()));
            rows.add(List.of("incentive", i.partner(), "paid", i.paid().count(), i.paid().rupiah()));
            rows.add(List.of("incentive", i.partner(), "failed", i.failed().count(), i.failed().rupiah()));
            rows.add(List.of("incentive", i.partner(), "unknown", i.unknown().count(), i.unknown().rupiah()));
        }
        for (MoneyQuery.IntegritySignals i : result.integritySignals()) {
            rows.add(List.of("integrity-signal:" + i.kind(), "-", "open-signals", i.openSignals(), ""));
            rows.add(List.of("integrity-signal:" + i.kind(), "-", "participants-held", i.participantsHeld(), ""));
            rows.add(List.of("integrity-signal:" + i.kind(), "-", "cleared", i.cleared(), ""));
            rows.add(List.of("integrity-signal:" + i.kind(), "-", "confirmed", i.confirmed(), ""));
        }
        return Csv.download("money.csv", List.of("account", "partner", "state", "count", "rupiah"), rows);
    }

    @GetMapping("/money/settlements.csv")
    @Operation(summary = "The partners' settlement reports as reconciled by the payment gateway, as of an instant: one row per partner and business day")
    public ResponseEntity<String> settlementsCsv(@RequestParam(required = false) @DateInRange Instant asOf) {
        List<List<?>> rows = new ArrayList<>();
        for (MoneyQuery.Settlement s : money.asOf(asOfOrNow(asOf)).settlements()) {
            rows.add(List.of(s.partner(), s.businessDay(), s.reconciledAt(), s.reportLines(), s.ourPayments(), s.paidHere().count(),
                    s.paidHere().rupiah(), s.paidThere().count(), s.paidThere().rupiah(), s.difference(), s.matched().count(),
                    s.paidThereNotHere().count(), s.paidThereNotHere().rupiah(), s.hereNotThere().count(), s.hereNotThere().rupiah(),
                    s.amountDiffers().count(), s.accountDiffers().count(), s.statusDiffers().count(), s.settledFromReport().count(),
                    s.mismatches()));
        }
        return Csv.download("settlements.csv", List.of("partner", "businessDay", "reconciledAt", "reportLines", "ourPayments",
                "paidHereCount", "paidHereRupiah", "paidThereCount", "paidThereRupiah", "difference", "matched",
                "paidThereNotHereCount", "paidThereNotHereRupiah", "hereNotThereCount", "hereNotThereRupiah", "amountDiffers",
                "accountDiffers", "statusDiffers", "settledFromReport", "mismatches"), rows);
    }

    @GetMapping("/operations")
    @Operation(summary = "Events the console has read per service and type, its own dead letters, the read model's generation")
    public OperationsQuery.Operations operations() {
        return operations.now();
    }

    @GetMapping("/operations.csv")
    public ResponseEntity<String> operationsCsv() {
        List<List<?>> rows = operations.now().eventsSeen().stream()
                .<List<?>>map(e -> List.of(e.service(), e.topic(), e.type(), e.events(), e.lastEventAt())).toList();
        return Csv.download("operations.csv", List.of("service", "topic", "type", "events", "lastEventAt"), rows);
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Empties the read model and replays every topic from the beginning (all replicas); the numbers grow back as it replays")
    public ReadModelRebuild.State requestRebuild(@Valid @RequestBody RebuildRequest request, Principal operator) {
        return rebuild.request(operator.getName(), request.reason());
    }

    public record RebuildRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/rebuild")
    public ReadModelRebuild.State rebuildState() {
        return rebuild.state();
    }

    private static String knownStage(String stage) {
        if (!BacklogQuery.STAGES.contains(stage)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "STAGE_UNKNOWN", stage);
        }
        return stage;
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }
}
