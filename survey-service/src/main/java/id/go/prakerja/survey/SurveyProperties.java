package id.go.prakerja.survey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Survey settings (prakerja.survey.*).
 *
 * @param secondOpensAfter survey 2 opens this long after survey 1 (30 days in 2020)
 * @param thirdOpensAfter  survey 3 opens this long after survey 1 (90 days in 2020)
 * @param incentive        what each completed survey earns, shown to the participant (the incentive service pays it)
 */
@ConfigurationProperties(prefix = "prakerja.survey")
public record SurveyProperties(Duration secondOpensAfter, Duration thirdOpensAfter, long incentive, Notices notices) {

    /**
     * @param noContactAttempts a notice whose participant has no contact for its channel is retired (reason
     *                          {@code NO_CONTACT}) once it was tried this many times (with the backoff, about an hour)
     */
    public record Notices(Duration pollInterval, int batchSize, @DefaultValue("12") int noContactAttempts) {
    }

    public Duration opensAfterFirst(int surveyNumber) {
        return switch (surveyNumber) {
            case 1 -> Duration.ZERO;
            case 2 -> secondOpensAfter;
            case 3 -> thirdOpensAfter;
            default -> throw new IllegalArgumentException("no survey " + surveyNumber);
        };
    }
}
