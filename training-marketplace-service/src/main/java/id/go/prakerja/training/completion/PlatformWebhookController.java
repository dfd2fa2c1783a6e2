package id.go.prakerja.training.completion;

import java.time.Instant;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.DateInRange;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Signed webhooks of the training platforms (docs/architecture.md, "Signing a partner request"): a
 * platform speaks only for itself ({@code X-PARTNER-ID} must be the platform in the path) and names the
 * voucher the participant gave it. {@code eventId} is the platform's own id of the report.
 */
@Tag(name = "Training platforms' reports (signed webhooks)",
        description = "Sent by a training platform, signed with its secret (X-PARTNER-ID, X-TIMESTAMP, X-SIGNATURE)")
@RestController
@RequestMapping("/partner/platforms/{platform}")
public class PlatformWebhookController {

    private static final String VOUCHER = "[A-Za-z0-9-]{4,20}";

    private final PlatformReports reports;
    private final ReportRefusals refusals;

    public PlatformWebhookController(PlatformReports reports, ReportRefusals refusals) {
        this.reports = reports;
        this.refusals = refusals;
    }

    public record Redemption(@NotBlank @Size(max = 100) String eventId,
            @NotBlank @Pattern(regexp = VOUCHER) String voucherCode) {
    }

    public record Progress(@NotBlank @Size(max = 100) String eventId, @NotBlank @Pattern(regexp = VOUCHER) String voucherCode,
            @NotNull @Min(0) @Max(100) Integer percent) {
    }

    public record Completion(@NotBlank @Size(max = 100) String eventId,
            @NotBlank @Pattern(regexp = VOUCHER) String voucherCode,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9/._-]+") String certificateNumber,
            @DateInRange Instant completedAt) {
    }

    @Operation(summary = "The participant gave this voucher to the platform: it is redeemed, the training starts",
            description = "The same signed request again gets the first answer again; eventId is the platform's own id of the report")
    @PostMapping("/vouchers/redeem")
    public PlatformReports.VoucherState redeem(@PathVariable String platform, @Valid @RequestBody Redemption body,
            Authentication auth) {
        String self = self(platform, auth);
        String voucher = normal(body.voucherCode());
        return keepingRefusal(self, ReportRefusals.Report.REDEMPTION, voucher, null, body.eventId(),
                () -> reports.redeem(self, voucher, body.eventId()));
    }

    @Operation(summary = "How far the participant is in the training, in percent")
    @PostMapping("/progress")
    public PlatformReports.VoucherState progress(@PathVariable String platform, @Valid @RequestBody Progress body,
            Authentication auth) {
        String self = self(platform, auth);
        String voucher = normal(body.voucherCode());
        return keepingRefusal(self, ReportRefusals.Report.PROGRESS, voucher, null, body.eventId(),
                () -> reports.progress(self, voucher, body.percent()));
    }

    @Operation(summary = "The participant completed the training and holds this certificate",
            description = "A certificate number counts once; completedAt, when absent or in the future, is when the report arrives")
    @PostMapping("/completions")
    public PlatformReports.VoucherState complete(@PathVariable String platform, @Valid @RequestBody Completion body,
            Authentication auth) {
        String self = self(platform, auth);
        String voucher = normal(body.voucherCode());
        String certificate = body.certificateNumber().trim();
        return keepingRefusal(self, ReportRefusals.Report.COMPLETION, voucher, certificate, body.eventId(),
                () -> reports.complete(self, voucher, certificate, body.completedAt(), body.eventId()));
    }

    /** Applies a report; a refusal is kept for operators (the mismatch list) and then answered as before. */
    private PlatformReports.VoucherState keepingRefusal(String platform, ReportRefusals.Report report, String voucher,
            String certificate, String eventId, java.util.function.Supplier<PlatformReports.VoucherState> apply) {
        try {
            return apply.get();
        } catch (ProblemException refused) {
            refusals.record(platform, report, voucher, refused.code(), certificate, eventId);
            throw refused;
        }
    }

    private static String self(String platform, Authentication auth) {
        if (auth == null || !auth.getName().equalsIgnoreCase(platform)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "PLATFORM_MISMATCH", platform);
        }
        return auth.getName().toUpperCase(Locale.ROOT);
    }

    private static String normal(String voucher) {
        return voucher.trim().toUpperCase(Locale.ROOT);
    }
}
