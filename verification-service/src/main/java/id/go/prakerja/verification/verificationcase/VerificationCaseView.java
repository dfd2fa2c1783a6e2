package id.go.prakerja.verification.verificationcase;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.prakerja.events.verification.VerificationLayer;

/** A case as participants and operators see it; a NIK, where shown at all, is masked. */
public record VerificationCaseView(UUID participantId, VerificationCase.Status status, VerificationLayer currentLayer,
        List<Layer> layers, Instant openedAt, String nik, String fullName, String provinceCode) {

    public record Layer(VerificationLayer layer, LayerStatus status) {
    }

    static VerificationCaseView of(VerificationCase c, String maskedNik) {
        return new VerificationCaseView(c.participantId(), c.status(), c.currentLayer(),
                c.layers().entrySet().stream().map(e -> new Layer(e.getKey(), e.getValue())).toList(), c.openedAt(),
                maskedNik, c.fullName(), c.provinceCode());
    }
}
