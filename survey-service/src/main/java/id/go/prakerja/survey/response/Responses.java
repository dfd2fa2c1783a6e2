package id.go.prakerja.survey.response;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.survey.SurveyProperties;
import id.go.prakerja.survey.definition.Answers;
import id.go.prakerja.survey.definition.Survey;
import id.go.prakerja.survey.definition.SurveyCatalogue;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.support.web.ProblemException.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant's surveys and their answers. A response is stored once per participant and
 * survey (primary key), with its answers as rows and its {@link SurveyCompleted} in the same
 * transaction; the participant's row lock makes a second, simultaneous response wait and then
 * find the first.
 */
@Service
public class Responses {

    private static final Logger log = LoggerFactory.getLogger(Responses.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final SurveyProperties settings;
    private final Clock clock;

    public Responses(JdbcTemplate jdbc, Outbox outbox, SurveyProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    record State(Instant opensAt, Instant completedAt, boolean revoked) {
    }

    @Transactional(readOnly = true)
    public List<SurveyView> mine(UUID participantId, Locale locale) {
        List<SurveyView> views = new ArrayList<>();
        for (Survey survey : SurveyCatalogue.SURVEYS) {
            views.add(view(survey, state(participantId, survey.number()), locale));
        }
        return views;
    }

    @Transactional(readOnly = true)
    public SurveyView one(UUID participantId, int number, Locale locale) {
        Survey survey = survey(number);
        return view(survey, state(participantId, number), locale);
    }

    @Transactional
    public SurveyView answer(UUID participantId, int number, Map<String, Object> answers, Locale locale) {
        Survey survey = survey(number);
        if (answers == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new FieldProblem("answers", "NotNull")));
        }
        jdbc.query("select 1 from participant where participant_id = ? for update", (rs, i) -> 1, participantId);
        State state = state(participantId, number);
        if (state.completedAt() != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "SURVEY_ALREADY_ANSWERED", number);
        }
        Instant now = clock.instant();
        if (state.revoked() || state.opensAt() == null || state.opensAt().isAfter(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "SURVEY_NOT_OPEN", number);
        }
        var problems = Answers.problems(survey, answers);
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", problems.stream()
                    .map(p -> new FieldProblem("answers." + p.questionId(), "ANSWER_" + p.code())).toList());
        }
        var training = jdbc.queryForList("select first_training_id, first_platform_code from participant where participant_id = ?",
                participantId).getFirst();
        jdbc.update("""
                insert into response (participant_id, survey_number, answers, completed_at, training_id, platform_code)
                values (?, ?, ?, ?, ?, ?)""", participantId, number, JSON.writeValueAsString(answers), Timestamp.from(now),
                training.get("first_training_id"), training.get("first_platform_code"));
        jdbc.batchUpdate("""
                insert into response_answer (participant_id, survey_number, question_id, choice, scale, text_answer,
                                             training_id, platform_code) values (?, ?, ?, ?, ?, ?, ?, ?)""",
                Answers.values(survey, answers), 100, (ps, v) -> {
                    ps.setObject(1, participantId);
                    ps.setInt(2, number);
                    ps.setString(3, v.questionId());
                    ps.setString(4, v.choice());
                    ps.setObject(5, v.scale());
                    ps.setString(6, v.text());
                    ps.setObject(7, training.get("first_training_id"));
                    ps.setObject(8, training.get("first_platform_code"));
                });
        outbox.publish(EventEnvelope.of(new SurveyCompleted(number, now), participantId, UUID.randomUUID(), null, now));
        log.info("{} completed survey {}", participantId, number);
        return view(survey, state(participantId, number), locale);
    }

    private static Survey survey(int number) {
        return SurveyCatalogue.survey(number).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "NO_SUCH_SURVEY", number));
    }

    private State state(UUID participantId, int number) {
        Instant opensAt = jdbc.query("select opens_at from invitation where participant_id = ? and survey_number = ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), participantId, number).stream().findFirst().orElse(null);
        Instant completedAt = jdbc.query("select completed_at from response where participant_id = ? and survey_number = ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), participantId, number).stream().findFirst().orElse(null);
        boolean revoked = Boolean.TRUE.equals(jdbc.query("select revoked_at is not null from participant where participant_id = ?",
                (rs, i) -> rs.getBoolean(1), participantId).stream().findFirst().orElse(false));
        return new State(opensAt, completedAt, revoked);
    }

    private SurveyView view(Survey survey, State state, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        String status;
        if (state.completedAt() != null) {
            status = "COMPLETED";
        } else if (state.revoked()) {
            status = "CLOSED";
        } else if (state.opensAt() == null) {
            status = "WAITING_FOR_FIRST_INCENTIVE";
        } else if (state.opensAt().isAfter(clock.instant())) {
            status = "SCHEDULED";
        } else {
            status = "OPEN";
        }
        List<SurveyView.QuestionView> questions = !status.equals("OPEN") ? List.of() : survey.questions().stream()
                .map(q -> new SurveyView.QuestionView(q.id(), q.type(), english ? q.textEn() : q.textId(), q.options(), q.required()))
                .toList();
        return new SurveyView(survey.number(), english ? survey.titleEn() : survey.titleId(), status, state.opensAt(),
                state.completedAt(), settings.incentive(), questions);
    }
}
