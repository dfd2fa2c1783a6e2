package id.go.prakerja.survey.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AnswersTest {

    private final Survey first = SurveyCatalogue.survey(1).orElseThrow();

    private static Map<String, Object> good() {
        return new HashMap<>(Map.of("relevance", 4, "quality", 5, "completed_all", "YES", "skills", List.of("DIGITAL", "LANGUAGE"),
                "suggestion", "Lebih banyak latihan"));
    }

    @Test
    void complete_answers_have_no_problem_and_become_one_row_per_choice() {
        assertThat(Answers.problems(first, good())).isEmpty();
        assertThat(Answers.values(first, good())).hasSize(6)
                .contains(new Answers.Value("skills", "LANGUAGE", null, null), new Answers.Value("relevance", null, 4, null));
    }

    @Test
    void an_optional_question_may_be_left_out_but_a_required_one_may_not() {
        var answers = good();
        answers.remove("suggestion");
        assertThat(Answers.problems(first, answers)).isEmpty();
        answers.remove("skills");
        answers.put("quality", "");
        assertThat(Answers.problems(first, answers)).containsExactlyInAnyOrder(new Answers.Problem("skills", "REQUIRED"),
                new Answers.Problem("quality", "REQUIRED"));
        answers.put("skills", List.of());
        assertThat(Answers.problems(first, answers)).contains(new Answers.Problem("skills", "REQUIRED"));
    }

    @Test
    void every_kind_of_wrong_answer_is_named() {
        var answers = good();
        answers.put("relevance", 6);
        answers.put("quality", 2.5);
        answers.put("completed_all", "MAYBE");
        answers.put("skills", List.of("DIGITAL", "DIGITAL"));
        answers.put("suggestion", "x".repeat(501));
        answers.put("favourite_colour", "blue");
        assertThat(Answers.problems(first, answers)).containsExactlyInAnyOrder(
                new Answers.Problem("relevance", "SCALE_1_5"), new Answers.Problem("quality", "SCALE_1_5"),
                new Answers.Problem("completed_all", "NOT_AN_OPTION"), new Answers.Problem("skills", "DUPLICATE_CHOICE"),
                new Answers.Problem("suggestion", "TEXT_TOO_LONG"), new Answers.Problem("favourite_colour", "UNKNOWN_QUESTION"));
        answers = good();
        answers.put("skills", "DIGITAL");
        answers.put("completed_all", 1);
        answers.put("suggestion", 42);
        assertThat(Answers.problems(first, answers)).containsExactlyInAnyOrder(new Answers.Problem("skills", "NOT_A_LIST"),
                new Answers.Problem("completed_all", "NOT_AN_OPTION"), new Answers.Problem("suggestion", "NOT_TEXT"));
    }

    @Provide
    Arbitrary<Object> anyJsonValue() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(600).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(8).map(l -> (Object) l),
                Arbitraries.of("YES", "DIGITAL", "EMPLOYED", "HIGHER").map(s -> (Object) s));
    }

    @Property
    void whatever_is_sent_either_problems_are_named_or_every_answer_becomes_a_valid_row(
            @ForAll("anyJsonValue") Object a, @ForAll("anyJsonValue") Object b, @ForAll("anyJsonValue") Object c) {
        for (Survey survey : SurveyCatalogue.SURVEYS) {
            Map<String, Object> answers = new HashMap<>();
            var questions = survey.questions();
            answers.put(questions.get(0).id(), a);
            answers.put(questions.get(1).id(), b);
            answers.put(questions.get(2).id(), c);
            var problems = Answers.problems(survey, answers);
            if (problems.isEmpty()) {
                for (var value : Answers.values(survey, answers)) {
                    var question = questions.stream().filter(q -> q.id().equals(value.questionId())).findFirst().orElseThrow();
                    if (value.choice() != null) {
                        assertThat(question.options()).contains(value.choice());
                    }
                    if (value.scale() != null) {
                        assertThat(value.scale()).isBetween(1, 5);
                    }
                }
            } else {
                assertThat(problems).allMatch(p -> answers.containsKey(p.questionId()) || survey.questions().stream()
                        .anyMatch(q -> q.id().equals(p.questionId()) && q.required()));
            }
        }
    }
}
