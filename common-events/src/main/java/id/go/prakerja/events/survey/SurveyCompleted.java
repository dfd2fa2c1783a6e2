package id.go.prakerja.events.survey;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** @param surveyNumber 1 to 3; each completed survey earns one survey incentive */
public record SurveyCompleted(int surveyNumber, Instant completedAt) implements DomainEvent {

    public SurveyCompleted {
        Require.between(surveyNumber, 1, 3, "surveyNumber");
        Require.notNull(completedAt, "completedAt");
    }
}
