package id.go.prakerja.incentive.tranche;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.CurrentParticipant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Incentives")
public class IncentiveController {

    private final IncentiveViews views;

    public IncentiveController(IncentiveViews views) {
        this.views = views;
    }

    @GetMapping("/api/v1/incentives/me")
    @Operation(summary = "My incentives: four post-training tranches and three survey incentives, each with date and status, and totals")
    public IncentiveView mine(Authentication authentication, Locale locale) {
        return views.of(CurrentParticipant.id(authentication), locale);
    }
}
