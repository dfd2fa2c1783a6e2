package id.go.prakerja.registration.wave;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Version;

/** One gelombang: when it is open, how many it may select in total and per province, and how it orders applicants. */
@Entity
public class Wave {

    public enum Status {
        /** created, not yet open */
        SCHEDULED,
        /** verified applicants may join */
        OPEN,
        /** closed to applicants; selection is running */
        CLOSED,
        /** every applicant has been decided */
        SELECTED
    }

    @Id
    private int number;
    private Instant opensAt;
    private Instant closesAt;
    private long totalQuota;
    private String priorityRules;
    private long seed;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant createdAt;
    private Instant openedAt;
    private Instant closedAt;
    private Instant selectedAt;
    private Long selectedCount;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "wave_province_quota", joinColumns = @JoinColumn(name = "wave_number"))
    @MapKeyColumn(name = "province")
    @Column(name = "quota")
    private Map<String, Long> quotaByProvince = new TreeMap<>();
    @Version
    private long version;

    protected Wave() {
    }

    public Wave(int number, Instant opensAt, Instant closesAt, long totalQuota, Map<String, Long> quotaByProvince,
            List<PriorityRule> priorityRules, long seed, Instant createdAt) {
        this.number = number;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.totalQuota = totalQuota;
        this.quotaByProvince = new TreeMap<>(quotaByProvince);
        this.priorityRules = String.join(",", priorityRules.stream().map(Enum::name).toList());
        this.seed = seed;
        this.status = Status.SCHEDULED;
        this.createdAt = createdAt;
    }

    /** @return false when the wave was not scheduled (already open or later) */
    boolean open(Instant now) {
        if (status != Status.SCHEDULED) {
            return false;
        }
        status = Status.OPEN;
        openedAt = now;
        return true;
    }

    /** @return false when the wave was not open */
    boolean close(Instant now) {
        if (status != Status.OPEN) {
            return false;
        }
        status = Status.CLOSED;
        closedAt = now;
        return true;
    }

    void selected(Instant now, long count) {
        status = Status.SELECTED;
        selectedAt = now;
        selectedCount = count;
    }

    public boolean acceptsApplicationsAt(Instant now) {
        return status == Status.OPEN && now.isBefore(closesAt);
    }

    public List<PriorityRule> priorityRules() {
        return priorityRules.isBlank() ? List.of() : Arrays.stream(priorityRules.split(",")).map(PriorityRule::valueOf).toList();
    }

    public int number() { return number; }
    public Instant opensAt() { return opensAt; }
    public Instant closesAt() { return closesAt; }
    public long totalQuota() { return totalQuota; }
    public long seed() { return seed; }
    public Status status() { return status; }
    public Instant openedAt() { return openedAt; }
    public Instant closedAt() { return closedAt; }
    public Instant selectedAt() { return selectedAt; }
    public Long selectedCount() { return selectedCount; }
    public Map<String, Long> quotaByProvince() { return Map.copyOf(quotaByProvince); }
}
