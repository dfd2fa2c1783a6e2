package id.go.prakerja.training.purchase;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.completion.Feedback;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A participant's purchases: buy, list with status and what reconciliation misses, rate, review. */
@RestController
@RequestMapping("/api/v1/purchases")
public class PurchaseController {

    private final Purchases purchases;
    private final Feedback feedback;

    public PurchaseController(Purchases purchases, Feedback feedback) {
        this.purchases = purchases;
        this.feedback = feedback;
    }

    public record PurchaseRequest(@NotBlank @Size(max = 100) String trainingId) {
    }

    public record RatingRequest(@NotNull @Min(1) @Max(5) Integer rating) {
    }

    public record ReviewRequest(@NotBlank @Size(max = 5000) String text) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public PurchaseView buy(@Valid @RequestBody PurchaseRequest request, Authentication auth) {
        return purchases.buy(CurrentParticipant.id(auth), request.trainingId());
    }

    @GetMapping
    public List<PurchaseView> mine(Authentication auth) {
        return purchases.mine(CurrentParticipant.id(auth));
    }

    @GetMapping("/{purchaseId}")
    public PurchaseView one(@PathVariable UUID purchaseId, Authentication auth) {
        return purchases.one(CurrentParticipant.id(auth), purchaseId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PURCHASE_NOT_FOUND", purchaseId));
    }

    @PutMapping("/{purchaseId}/rating")
    public PurchaseView rate(@PathVariable UUID purchaseId, @Valid @RequestBody RatingRequest request, Authentication auth) {
        feedback.rate(CurrentParticipant.id(auth), purchaseId, request.rating());
        return one(purchaseId, auth);
    }

    @PutMapping("/{purchaseId}/review")
    public PurchaseView review(@PathVariable UUID purchaseId, @Valid @RequestBody ReviewRequest request, Authentication auth) {
        feedback.review(CurrentParticipant.id(auth), purchaseId, request.text());
        return one(purchaseId, auth);
    }
}
