package id.go.prakerja.survey.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a participant's answers against a survey's questions. Plain Java: what a client sends
 * arrives as JSON values (strings, numbers, lists), and every way it can be wrong is named per
 * question, so the participant can fix it.
 */
public final class Answers {

    private Answers() {
    }

    /** A problem with one answer: the question's id and a code (REQUIRED, UNKNOWN_QUESTION, NOT_AN_OPTION, ...). */
    public record Problem(String questionId, String code) {
    }

    /** One answer as stored: a choice, a scale value or a text (a multiple choice gives several). */
    public record Value(String questionId, String choice, Integer scale, String text) {
    }

    public static List<Problem> problems(Survey survey, Map<String, ?> answers) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Question> byId = new LinkedHashMap<>();
        survey.questions().forEach(q -> byId.put(q.id(), q));
        for (String id : answers.keySet()) {
            if (!byId.containsKey(id)) {
                problems.add(new Problem(id, "UNKNOWN_QUESTION"));
            }
        }
        for (Question q : survey.questions()) {
            Object answer = answers.get(q.id());
            if (answer == null || isBlank(answer)) {
                if (q.required()) {
                    problems.add(new Problem(q.id(), "REQUIRED"));
                }
                continue;
            }
            String problem = switch (q.type()) {
                case SINGLE_CHOICE -> answer instanceof String s && q.options().contains(s) ? null : "NOT_AN_OPTION";
                case MULTIPLE_CHOICE -> multiple(q, answer);
                case SCALE_1_5 -> answer instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && n.doubleValue() >= 1 && n.doubleValue() <= 5 ? null : "SCALE_1_5";
                case SHORT_TEXT -> !(answer instanceof String s) ? "NOT_TEXT"
                        : s.strip().length() > Question.MAX_TEXT ? "TEXT_TOO_LONG" : null;
            };
            if (problem != null) {
                problems.add(new Problem(q.id(), problem));
            }
        }
        return problems;
    }

    /** The answers as rows to store; call only when {@link #problems} found none. */
    public static List<Value> values(Survey survey, Map<String, ?> answers) {
        List<Value> values = new ArrayList<>();
        for (Question q : survey.questions()) {
            Object answer = answers.get(q.id());
            if (answer == null || isBlank(answer)) {
                continue;
            }
            switch (q.type()) {
                case SINGLE_CHOICE -> values.add(new Value(q.id(), (String) answer, null, null));
                case MULTIPLE_CHOICE -> ((List<?>) answer).forEach(c -> values.add(new Value(q.id(), (String) c, null, null)));
                case SCALE_1_5 -> values.add(new Value(q.id(), null, ((Number) answer).intValue(), null));
                case SHORT_TEXT -> values.add(new Value(q.id(), null, null, ((String) answer).strip()));
            }
        }
        return values;
    }

    private static String multiple(Question q, Object answer) {
        if (!(answer instanceof List<?> list)) {
            return "NOT_A_LIST";
        }
        Set<Object> seen = new HashSet<>();
        for (Object c : list) {
            if (!(c instanceof String s) || !q.options().contains(s)) {
                return "NOT_AN_OPTION";
            }
            if (!seen.add(s)) {
                return "DUPLICATE_CHOICE";
            }
        }
        return null;
    }

    private static boolean isBlank(Object answer) {
        return answer instanceof String s && s.isBlank() || answer instanceof List<?> l && l.isEmpty();
    }
}
