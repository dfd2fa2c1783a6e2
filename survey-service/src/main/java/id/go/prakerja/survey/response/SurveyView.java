package id.go.prakerja.survey.response;

import java.time.Instant;
import java.util.List;

import id.go.prakerja.survey.definition.Question;

/**
 * One survey as a participant sees it.
 *
 * @param status    WAITING_FOR_FIRST_INCENTIVE (opens when the first post-training tranche is paid), SCHEDULED
 *                  (opens at opensAt), OPEN, COMPLETED, or CLOSED (participation revoked)
 * @param questions the questions, in the request's language, once the survey is open
 * @param incentive what completing it earns, in rupiah; the incentive service schedules it
 */
public record SurveyView(int number, String title, String status, Instant opensAt, Instant completedAt, long incentive,
        List<QuestionView> questions) {

    public record QuestionView(String id, Question.QuestionType type, String text, List<String> options, boolean required) {
    }
}
