package id.go.prakerja.registration.participant;

/** What an applicant declares about public office; every value but NONE excludes them (Perpres 36/2020). */
public enum PublicOffice {
    NONE,
    STATE_OFFICIAL,
    DPRD_MEMBER,
    CIVIL_SERVANT,
    TNI,
    POLRI,
    VILLAGE_HEAD,
    VILLAGE_OFFICIAL,
    BUMN_BUMD_DIRECTOR_OR_COMMISSIONER
}
