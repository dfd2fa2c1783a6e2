package id.go.prakerja.survey.response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.CurrentParticipant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A participant's own surveys: when each opens, its questions, and one response each. */
@RestController
@Tag(name = "Surveys")
public class SurveyController {

    private final Responses responses;

    public SurveyController(Responses responses) {
        this.responses = responses;
    }

    /** @param answers question id to answer: a choice code, a list of choice codes, a number 1-5, or a text */
    public record Submission(Map<String, Object> answers) {
    }

    @GetMapping("/api/v1/surveys/me")
    @Operation(summary = "My three surveys: when each opens, its status, and the questions of an open one")
    public List<SurveyView> mine(Authentication authentication, Locale locale) {
        return responses.mine(CurrentParticipant.id(authentication), locale);
    }

    @GetMapping("/api/v1/surveys/me/{number}")
    @Operation(summary = "One of my surveys")
    public SurveyView one(Authentication authentication, @PathVariable @Min(1) @Max(3) int number, Locale locale) {
        return responses.one(CurrentParticipant.id(authentication), number, locale);
    }

    @PostMapping("/api/v1/surveys/me/{number}/response")
    @Operation(summary = "Answer an open survey, once; earns the survey incentive")
    public ResponseEntity<SurveyView> answer(Authentication authentication, @PathVariable @Min(1) @Max(3) int number,
            @RequestBody Submission submission, Locale locale) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(responses.answer(CurrentParticipant.id(authentication), number, submission.answers(), locale));
    }
}
