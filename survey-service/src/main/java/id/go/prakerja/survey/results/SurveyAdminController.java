package id.go.prakerja.survey.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.survey.definition.Survey;
import id.go.prakerja.survey.definition.SurveyCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The surveys and their results for operators. */
@RestController
@Tag(name = "Surveys (operators)")
public class SurveyAdminController {

    private final SurveyResults results;

    public SurveyAdminController(SurveyResults results) {
        this.results = results;
    }

    @GetMapping("/admin/surveys")
    @Operation(summary = "The three surveys and their questions")
    public List<Survey> surveys() {
        return SurveyCatalogue.SURVEYS;
    }

    @GetMapping("/admin/surveys/{number}/results")
    @Operation(summary = "Results per question and answer, overall (by=all), per training (by=training) or per provider (by=provider)")
    public SurveyResults.Results results(@PathVariable @Min(1) @Max(3) int number,
            @RequestParam(defaultValue = "all") String by) {
        return results.results(number, by);
    }

    @GetMapping(value = "/admin/surveys/{number}/results.csv", produces = "text/csv")
    @Operation(summary = "The same results as CSV")
    public void csv(@PathVariable @Min(1) @Max(3) int number, @RequestParam(defaultValue = "all") String by,
            HttpServletResponse response) throws IOException {
        // checked before anything is written, so a bad grouping is still a problem response
        results.results(number, by);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"survey-" + number + "-results.csv\"");
        results.csv(number, by, response.getWriter());
    }
}
