package id.go.prakerja.survey.definition;

import java.util.List;

public record Survey(int number, String titleId, String titleEn, List<Question> questions) {
}
