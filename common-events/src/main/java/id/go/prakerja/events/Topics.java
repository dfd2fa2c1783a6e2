package id.go.prakerja.events;

import java.util.List;

/** Kafka topics, one per producing context. A breaking change gets a new version suffix. */
public final class Topics {

    public static final String REGISTRATION = "prakerja.registration.v1";
    public static final String VERIFICATION = "prakerja.verification.v1";
    public static final String COHORT = "prakerja.cohort.v1";
    public static final String TRAINING = "prakerja.training.v1";
    public static final String INCENTIVE = "prakerja.incentive.v1";
    public static final String PAYMENT = "prakerja.payment.v1";
    public static final String SURVEY = "prakerja.survey.v1";
    /** Operator actions that concern a participant, from every service's audit trail. */
    public static final String OPERATIONS = "prakerja.operations.v1";

    public static final List<String> ALL =
            List.of(REGISTRATION, VERIFICATION, COHORT, TRAINING, INCENTIVE, PAYMENT, SURVEY, OPERATIONS);

    private Topics() {
    }
}
