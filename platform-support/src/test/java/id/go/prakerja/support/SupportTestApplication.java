package id.go.prakerja.support;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.Message;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.inbox.EventConsumers;

/** A minimal service built on platform-support, to test the shared pieces as a service uses them. */
@SpringBootApplication
public class SupportTestApplication {

    /** The topic the test service consumes as {@code effects-in-0}. */
    public static final String EFFECTS_TOPIC = "support-test.effects.v1";
    /** Events whose handling fails, as a handler with a bug or a dependency down would. */
    public static final Set<UUID> FAILING = ConcurrentHashMap.newKeySet();
    /** How often the handler was given each failing event. */
    public static final Map<UUID, Integer> FAILED_DELIVERIES = new ConcurrentHashMap<>();

    @Bean
    NewTopic effectsTopic() {
        return TopicBuilder.name(EFFECTS_TOPIC).partitions(6).replicas(1).build();
    }

    /** A handler that is not idempotent by itself: every run adds a row. */
    @Bean
    Consumer<Message<byte[]>> effects(EventConsumers consumers, JdbcTemplate jdbc) {
        return consumers.consumer(EFFECTS_TOPIC, "support-test-effects", event -> {
            if (FAILING.contains(event.eventId())) {
                FAILED_DELIVERIES.merge(event.eventId(), 1, Integer::sum);
                throw new IllegalStateException("handler failed for " + event.eventId());
            }
            jdbc.update("insert into support_test_effect (event_id, message_key, handled_by) values (?, ?, ?)",
                    event.eventId(), event.participantId().toString(), Thread.currentThread().getName());
        });
    }

    /** A short job on the default scheduler, like the wave clock, and a worker that can be held busy. */
    @Bean
    Jobs jobs() {
        return new Jobs();
    }

    public static class Jobs {
        public final java.util.concurrent.atomic.AtomicLong clockTicks = new java.util.concurrent.atomic.AtomicLong();
        public final java.util.concurrent.CountDownLatch workerBusy = new java.util.concurrent.CountDownLatch(1);
        public volatile java.util.concurrent.CountDownLatch holdWorker = new java.util.concurrent.CountDownLatch(0);

        @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 50)
        void clock() {
            clockTicks.incrementAndGet();
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 50,
                scheduler = id.go.prakerja.support.config.PlatformSchedulers.WORKERS)
        void worker() throws InterruptedException {
            if (holdWorker.getCount() > 0) {
                workerBusy.countDown();
                holdWorker.await();
            }
        }
    }

    @RestController
    static class PartnerEcho {
        @PostMapping("/partner/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body, Authentication partner) {
            return Map.of("partner", partner.getName(), "body", body, "receipt", UUID.randomUUID());
        }
    }
}
