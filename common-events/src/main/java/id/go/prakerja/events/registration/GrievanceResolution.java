package id.go.prakerja.events.registration;

/** How an operator closed a grievance. */
public enum GrievanceResolution {
    /** the participant's situation was explained; nothing was wrong on the programme's side */
    EXPLAINED,
    /** something was wrong and has been put right */
    FIXED,
    /** the request cannot be granted */
    REJECTED,
    /** the same matter is handled in another grievance */
    DUPLICATE
}
