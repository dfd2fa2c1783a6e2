package id.go.prakerja.console.readmodel;

import java.util.Set;

import id.go.prakerja.events.DomainEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of an event's payload the timeline keeps: only fields named here, so personal data (NIK,
 * KK, name, phone, e-mail, birth date, account number, card number) never enters the read
 * model, and a field added to an event later stays out until it is judged harmless and listed.
 */
public final class TimelineDetail {

    static final Set<String> SHOWN = Set.of(
            "province", "regency", "sex", "education", "jobStatus", "registeredAt", "reason", "revokedAt",
            "layer", "attempt", "passedAt", "reasonCode", "retryable", "failedAt", "verifiedAt", "rejectedAt", "queuedAt",
            "waveNumber", "joinedAt", "trainingBalance", "firstPurchaseDeadline",
            "purchaseId", "trainingId", "platformCode", "price", "firstTraining", "purchasedAt", "amount", "forfeitedAt",
            "lapsedAt", "certificateNumber", "rating", "ratedAt", "completedAt",
            "linkId", "partner", "instructionId", "kind", "sequence", "dueAt", "entitledAt", "partnerReference",
            "settledAt", "retryableAfterAccountChange", "accountHolderMasked", "detail", "since", "surveyNumber",
            // a grievance: which, about which step, and how it ended (never its text)
            "grievanceId", "step", "images", "filedAt", "answeredAt", "escalatedAt", "resolution", "resolvedAt",
            // an integrity signal: which, what it found, whom it involves (participant ids only, never the evidence)
            "signalId", "signal", "participantIds", "raisedAt", "clearedAt", "confirmedAt",
            // an operator's action (OperatorActionRecorded): who, in which service, what, and why
            "service", "action", "method", "path", "target", "operator", "roles", "outcome", "at");

    private static final JsonMapper JSON = JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private TimelineDetail() {
    }

    public static String of(DomainEvent payload) {
        JsonNode tree = JSON.valueToTree(payload);
        ObjectNode kept = JSON.createObjectNode();
        tree.properties().forEach(field -> {
            if (SHOWN.contains(field.getKey()) && !field.getValue().isNull()) {
                kept.set(field.getKey(), field.getValue());
            }
        });
        return JSON.writeValueAsString(kept);
    }
}
