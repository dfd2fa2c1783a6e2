package id.go.prakerja.training.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.training.TrainingServiceTest;
import id.go.prakerja.training.notification.NoticeTexts;
import tools.jackson.databind.JsonNode;

/** A training's title may have 300 characters; the voucher e-mail's subject has 200: the subject is cut, the purchase goes on. */
class LongTitlePurchaseTest extends TrainingServiceTest {

    @Test
    void a_training_with_a_255_character_title_is_bought_and_its_voucher_subject_is_cut_with_an_ellipsis() {
        Participant p = selected();
        String training = trainingsPriced(250_000, 1).getFirst();
        String title = ("Pelatihan Manajemen Proyek Konstruksi dan Pengawasan Mutu Bangunan Gedung Bertingkat ".repeat(3))
                .substring(0, 255);
        assertThat(title).hasSize(255);
        jdbc.update("update training set title = ? where id = ?", title, training);

        var bought = p.buy(training);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        JsonNode purchase = bought.json();
        assertThat(purchase.get("trainingTitle").asString()).isEqualTo(title);

        String subject = jdbc.queryForObject("select subject from notification where dedupe_key = ?", String.class,
                "voucher:" + purchase.get("purchaseId").asString() + ":email");
        assertThat(subject).hasSize(NoticeTexts.MAX_SUBJECT).startsWith("Voucher pelatihan Kartu Prakerja: Pelatihan Manajemen")
                .endsWith("\u2026");
        assertThat(NoticeTexts.subject("Voucher pelatihan Kartu Prakerja: Barista")).isEqualTo(
                "Voucher pelatihan Kartu Prakerja: Barista");
    }
}
