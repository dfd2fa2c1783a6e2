package id.go.prakerja.support.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class NoticeQueueTableTest {

    @Test
    void a_table_names_only_plain_identifiers() {
        assertThat(NoticeQueue.Table.of("notification_intent", "send_after", "body", "participant", "participant_id").sendableWhen())
                .isEmpty();
        assertThatThrownBy(() -> NoticeQueue.Table.of("notification; drop table participant", "due_at", "text", "participant", "id"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeQueue.Table.of("notification", "due_at", "Text", "participant", "id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_failed_notice_waits_longer_each_time_up_to_ten_minutes() {
        assertThat(NoticeQueue.backoff(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(NoticeQueue.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(NoticeQueue.backoff(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(NoticeQueue.backoff(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(NoticeQueue.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }
}
