package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.http.Handler;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;

/**
 * Injected faults answered in SNAP's format, with the service code of the endpoint that was called,
 * so that the platform parses an outage like a real partner's refusal rather than as an unknown body.
 * Whether the partner did its work before the fault (TIMEOUT, ERROR_AFTER_WORK) is the
 * {@link id.go.prakerja.simulators.Simulator}'s business; only a status inquiry then tells the truth.
 */
final class SnapFaults {

    private final PartnerProfile profile;

    SnapFaults(PartnerProfile profile) {
        this.profile = profile;
    }

    SimResponse response(FaultMode mode, SimRequest request) {
        String svc = serviceCodeOf(request.path());
        SimResponse response = switch (mode) {
            case DOWN -> SnapFailure.response(503, svc, "00", "Service Unavailable");
            case ERROR, ERROR_AFTER_WORK -> SnapFailure.response(500, svc, "00", "General Error");
            case TIMEOUT -> SnapFailure.response(504, svc, "00", "Timeout");
            case RATE_LIMITED -> SnapFailure.response(429, svc, "00", "Too Many Requests").withHeader("Retry-After", "1");
            default -> throw new IllegalArgumentException(mode.name());
        };
        return response.withHeader("X-TIMESTAMP", SnapSignature.timestampNow());
    }

    /** Every SNAP answer, refusals included, carries the partner's X-TIMESTAMP. */
    static Handler stamped(Handler handler) {
        return request -> {
            SimResponse response;
            try {
                response = handler.handle(request);
            } catch (HttpFailure failure) {
                response = failure.response();
            }
            return response.withHeader("X-TIMESTAMP", SnapSignature.timestampNow());
        };
    }

    private String serviceCodeOf(String path) {
        if (path.equals(PartnerProfile.TOKEN_PATH)) {
            return PartnerProfile.TOKEN_SERVICE_CODE;
        }
        if (path.equals(profile.inquiryPath())) {
            return profile.inquiryServiceCode();
        }
        if (path.equals(profile.transferPath())) {
            return profile.transferServiceCode();
        }
        if (path.equals(profile.statusPath())) {
            return profile.statusServiceCode();
        }
        if (path.equals(PartnerProfile.SETTLEMENT_PATH)) {
            return PartnerProfile.SETTLEMENT_SERVICE_CODE;
        }
        return "00";
    }
}
