package id.go.prakerja.simulators.population;

public enum Sex {
    MALE,
    FEMALE
}
