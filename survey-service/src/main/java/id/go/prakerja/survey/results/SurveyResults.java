package id.go.prakerja.survey.results;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.survey.definition.Question;
import id.go.prakerja.survey.definition.Survey;
import id.go.prakerja.survey.definition.SurveyCatalogue;
import id.go.prakerja.support.web.ProblemException;

/**
 * Survey results for operators, counted in the database: per question and answer, overall or per
 * training or per training provider (platform). Short-text answers are counted, not listed.
 */
@Service
public class SurveyResults {

    private final JdbcTemplate jdbc;

    public SurveyResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param group   the training id or provider code (or "all")
     * @param answer  the choice code, the scale value 1-5, or TEXT for a short-text answer
     */
    public record Row(String questionId, String type, String group, String answer, long count) {
    }

    /** @param average of a scale question in this group, else null */
    public record QuestionSummary(String questionId, String type, String group, long answers, Double average) {
    }

    public record Results(int survey, String by, long responses, List<QuestionSummary> questions, List<Row> rows) {
    }

    @Transactional(readOnly = true)
    public Results results(int number, String by) {
        Survey survey = survey(number);
        String group = group(by);
        Map<String, String> types = types(survey);
        List<Row> rows = jdbc.query("select question_id, " + group + ", coalesce(choice, scale::text, 'TEXT'), count(*) "
                + "from response_answer where survey_number = ? group by 1, 2, 3 order by 1, 2, 3",
                (rs, i) -> new Row(rs.getString(1), types.get(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4)),
                number);
        List<QuestionSummary> questions = jdbc.query("select question_id, " + group + ", count(distinct participant_id), "
                + "avg(scale) from response_answer where survey_number = ? group by 1, 2 order by 1, 2",
                (rs, i) -> new QuestionSummary(rs.getString(1), types.get(rs.getString(1)), rs.getString(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : Math.round(rs.getDouble(4) * 100) / 100.0),
                number);
        Long responses = jdbc.queryForObject("select count(*) from response where survey_number = ?", Long.class, number);
        return new Results(number, by, responses, questions, rows);
    }

    @Transactional(readOnly = true)
    public void csv(int number, String by, Writer out) throws IOException {
        Survey survey = survey(number);
        String group = group(by);
        Map<String, String> types = types(survey);
        out.write("survey,question_id,type,group,answer,count\n");
        jdbc.query("select question_id, " + group + ", coalesce(choice, scale::text, 'TEXT'), count(*) "
                + "from response_answer where survey_number = ? group by 1, 2, 3 order by 1, 2, 3", (RowCallbackHandler) rs -> {
                    try {
                        out.write(number + "," + rs.getString(1) + "," + types.get(rs.getString(1)) + "," + csv(rs.getString(2))
                                + "," + rs.getString(3) + "," + rs.getLong(4) + "\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, number);
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static Survey survey(int number) {
        return SurveyCatalogue.survey(number).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "NO_SUCH_SURVEY", number));
    }

    private static Map<String, String> types(Survey survey) {
        return survey.questions().stream().collect(Collectors.toMap(Question::id, q -> q.type().name()));
    }

    private static String group(String by) {
        return switch (by) {
            case "all" -> "'all'";
            case "training" -> "coalesce(training_id, '-')";
            case "provider" -> "coalesce(platform_code, '-')";
            default -> throw new ProblemException(HttpStatus.BAD_REQUEST, "UNKNOWN_GROUPING", by);
        };
    }
}
