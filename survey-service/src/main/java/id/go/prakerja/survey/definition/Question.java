package id.go.prakerja.survey.definition;

import java.util.List;

/**
 * One question of a survey.
 *
 * @param options the choices of a SINGLE_CHOICE or MULTIPLE_CHOICE question (their codes); empty otherwise
 */
public record Question(String id, QuestionType type, String textId, String textEn, List<String> options, boolean required) {

    public enum QuestionType {
        SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE_1_5, SHORT_TEXT
    }

    /** Longest short-text answer kept. */
    public static final int MAX_TEXT = 500;

    public static Question single(String id, String textId, String textEn, boolean required, String... options) {
        return new Question(id, QuestionType.SINGLE_CHOICE, textId, textEn, List.of(options), required);
    }

    public static Question multiple(String id, String textId, String textEn, boolean required, String... options) {
        return new Question(id, QuestionType.MULTIPLE_CHOICE, textId, textEn, List.of(options), required);
    }

    public static Question scale(String id, String textId, String textEn, boolean required) {
        return new Question(id, QuestionType.SCALE_1_5, textId, textEn, List.of(), required);
    }

    public static Question text(String id, String textId, String textEn, boolean required) {
        return new Question(id, QuestionType.SHORT_TEXT, textId, textEn, List.of(), required);
    }
}
