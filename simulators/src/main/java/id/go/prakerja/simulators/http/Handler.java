package id.go.prakerja.simulators.http;

/** Turns a request into a response; may throw {@link HttpFailure} to answer early. */
@FunctionalInterface
public interface Handler {
    SimResponse handle(SimRequest request);
}
