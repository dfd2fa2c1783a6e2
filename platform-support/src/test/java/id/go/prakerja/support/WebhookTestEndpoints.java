package id.go.prakerja.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the webhook tests need from the test service: a clock they can stop at a chosen instant,
 * and a partner endpoint that counts how often it really runs (the filter's guarantees are about
 * the handler, so the handler must be observable), can fail on purpose and can be held open.
 */
@Configuration(proxyBeanMethods = false)
class WebhookTestEndpoints {

    @Bean
    TestClock clock() {
        return new TestClock();
    }

    @Bean
    Invocations invocations() {
        return new Invocations();
    }

    /** The system clock, unless a test freezes it to check the exact edges of the timestamp window. */
    static final class TestClock extends Clock {
        private volatile Instant frozen;

        void freezeAt(Instant instant) {
            frozen = instant;
        }

        void release() {
            frozen = null;
        }

        @Override
        public Instant instant() {
            Instant at = frozen;
            return at != null ? at : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the platform works in UTC");
        }
    }

    /** Per request key: how many times the handler ran, how many runs should still fail, who waits to be let go. */
    static final class Invocations {
        private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();

        int runs(String key) {
            AtomicInteger count = runs.get(key);
            return count == null ? 0 : count.get();
        }

        void failNext(String key, int times) {
            failuresLeft.put(key, new AtomicInteger(times));
        }

        /** The next run for this key will wait inside the handler until {@link #release} is called. */
        void hold(String key) {
            entered.put(key, new CountDownLatch(1));
            released.put(key, new CountDownLatch(1));
        }

        boolean awaitEntered(String key) throws InterruptedException {
            return entered.get(key).await(10, TimeUnit.SECONDS);
        }

        void release(String key) {
            released.get(key).countDown();
        }

        int run(String key) throws InterruptedException {
            int count = runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            CountDownLatch in = entered.remove(key);
            if (in != null) {
                in.countDown();
                released.get(key).await(10, TimeUnit.SECONDS);
            }
            AtomicInteger failures = failuresLeft.get(key);
            if (failures != null && failures.getAndDecrement() > 0) {
                throw new IllegalStateException("failing on purpose for " + key);
            }
            return count;
        }
    }

    /** Takes POST and PUT so that a refusal of the wrong method comes from the signature, not from routing. */
    @RestController
    static class CountedPartnerEndpoint {
        private final Invocations invocations;

        CountedPartnerEndpoint(Invocations invocations) {
            this.invocations = invocations;
        }

        @RequestMapping(path = { "/partner/counted", "/partner/counted-elsewhere" },
                method = { RequestMethod.POST, RequestMethod.PUT })
        Map<String, Object> counted(@RequestBody Map<String, Object> body, @RequestParam Map<String, String> query,
                Authentication partner) throws InterruptedException {
            String key = String.valueOf(body.get("key"));
            int run = invocations.run(key);
            return Map.of("partner", partner.getName(), "key", key, "run", run, "query", query,
                    "answerId", UUID.randomUUID().toString());
        }
    }
}
