package id.go.prakerja.events.registration;

/** Last completed education, as declared at registration. */
public enum Education {
    NO_SCHOOLING, SD, SMP, SMA_SMK, DIPLOMA, S1, S2, S3
}
