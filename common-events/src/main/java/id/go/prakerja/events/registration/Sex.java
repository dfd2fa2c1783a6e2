package id.go.prakerja.events.registration;

public enum Sex {
    MALE, FEMALE
}
