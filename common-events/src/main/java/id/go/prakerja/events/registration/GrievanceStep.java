package id.go.prakerja.events.registration;

/** The step of the programme a participant's grievance is about. */
public enum GrievanceStep {
    VERIFICATION, SELECTION, TRAINING, INCENTIVE, PAYMENT, SURVEY, OTHER
}
