package id.go.prakerja.survey.definition;

import static id.go.prakerja.survey.definition.Question.multiple;
import static id.go.prakerja.survey.definition.Question.scale;
import static id.go.prakerja.survey.definition.Question.single;
import static id.go.prakerja.survey.definition.Question.text;

import java.util.List;
import java.util.Optional;

/**
 * The programme's three surveys: right after the first incentive (the training itself), then on
 * work and income a month and three months on. Answers never change what is paid.
 */
public final class SurveyCatalogue {

    public static final List<Survey> SURVEYS = List.of(
            new Survey(1, "Survei 1: Evaluasi pelatihan", "Survey 1: Training evaluation", List.of(
                    scale("relevance", "Seberapa relevan pelatihan dengan pekerjaan yang Anda cari?",
                            "How relevant was the training to the work you are looking for?", true),
                    scale("quality", "Bagaimana kualitas materi dan pengajar?", "How good were the material and the trainer?", true),
                    single("completed_all", "Apakah Anda menyelesaikan semua modul?", "Did you complete every module?", true,
                            "YES", "MOST", "SOME"),
                    multiple("skills", "Keterampilan apa yang Anda peroleh?", "Which skills did you gain?", true,
                            "DIGITAL", "LANGUAGE", "ENTREPRENEURSHIP", "TECHNICAL", "SOFT_SKILLS", "OTHER"),
                    text("suggestion", "Saran untuk lembaga pelatihan", "A suggestion for the training provider", false))),
            new Survey(2, "Survei 2: Status pekerjaan", "Survey 2: Employment status", List.of(
                    single("job_status", "Apa status pekerjaan Anda sekarang?", "What is your job status now?", true,
                            "EMPLOYED", "SELF_EMPLOYED", "SEEKING", "NOT_SEEKING"),
                    multiple("used_incentive_for", "Untuk apa insentif digunakan?", "What did you use the incentive for?", true,
                            "FOOD", "BILLS", "BUSINESS_CAPITAL", "JOB_SEARCH", "SAVINGS", "OTHER"),
                    scale("training_helped", "Seberapa membantu pelatihan dalam mencari kerja atau usaha?",
                            "How much did the training help you find work or run a business?", true),
                    text("story", "Ceritakan singkat perubahan yang Anda alami", "Briefly, what has changed for you", false))),
            new Survey(3, "Survei 3: Dampak program", "Survey 3: Programme impact", List.of(
                    single("job_status", "Apa status pekerjaan Anda sekarang?", "What is your job status now?", true,
                            "EMPLOYED", "SELF_EMPLOYED", "SEEKING", "NOT_SEEKING"),
                    single("income_change", "Bagaimana penghasilan Anda dibanding sebelum program?",
                            "How is your income compared with before the programme?", true, "HIGHER", "SAME", "LOWER", "NONE"),
                    scale("recommend", "Seberapa mungkin Anda merekomendasikan Kartu Prakerja?",
                            "How likely are you to recommend Kartu Prakerja?", true),
                    multiple("next_training", "Pelatihan apa yang Anda inginkan berikutnya?",
                            "Which training would you want next?", false,
                            "DIGITAL", "LANGUAGE", "ENTREPRENEURSHIP", "TECHNICAL", "SOFT_SKILLS"),
                    text("feedback", "Masukan untuk program", "Feedback for the programme", false))));

    private SurveyCatalogue() {
    }

    public static Optional<Survey> survey(int number) {
        return SURVEYS.stream().filter(s -> s.number() == number).findFirst();
    }
}
