package id.go.prakerja.events.registration;

public enum JobStatus {
    JOB_SEEKER, LAID_OFF, EMPLOYED, MICRO_SMALL_BUSINESS
}
