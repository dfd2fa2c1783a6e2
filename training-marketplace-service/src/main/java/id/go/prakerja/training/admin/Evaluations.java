package id.go.prakerja.training.admin;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.training.catalogue.TrainingCatalogue;

/** How a training or a provider does: purchases, completion rate, ratings and recent reviews. */
@Component
public class Evaluations {

    public record Evaluation(String subject, long purchases, long redeemed, long completed, Double completionRate,
            Double averageRating, Map<Integer, Long> ratingDistribution, List<TrainingCatalogue.Review> recentReviews) {
    }

    private final JdbcTemplate jdbc;

    public Evaluations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Evaluation ofTraining(String trainingId) {
        return evaluate(trainingId, "pu.training_id = ?", trainingId);
    }

    public Evaluation ofProvider(String provider) {
        return evaluate(provider, "t.provider = ?", provider);
    }

    private Evaluation evaluate(String subject, String condition, Object arg) {
        String from = " from purchase pu join training t on t.id = pu.training_id where " + condition;
        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) filter (where pu.status not in ('EXPIRED', 'VOIDED')) as purchases,
                       count(*) filter (where pu.redeemed_at is not null) as redeemed,
                       count(*) filter (where pu.status in ('COMPLETED', 'RECONCILED')) as completed,
                       avg(pu.rating)::float8 as average""" + from, arg);
        Map<Integer, Long> distribution = new java.util.TreeMap<>();
        for (int r = 1; r <= 5; r++) {
            distribution.put(r, 0L);
        }
        jdbc.query("select pu.rating, count(*)" + from + " and pu.rating is not null group by pu.rating",
                rs -> {
                    distribution.put(rs.getInt(1), rs.getLong(2));
                }, arg);
        List<TrainingCatalogue.Review> recent = jdbc.query("select pu.rating, pu.review_text, pu.reviewed_at" + from
                + " and pu.review_text is not null and pu.rating is not null order by pu.reviewed_at desc limit 10",
                (rs, i) -> new TrainingCatalogue.Review(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()), arg);
        long redeemed = ((Number) counts.get("redeemed")).longValue();
        long completed = ((Number) counts.get("completed")).longValue();
        Double average = counts.get("average") == null ? null
                : Math.round(((Number) counts.get("average")).doubleValue() * 100) / 100.0;
        return new Evaluation(subject, ((Number) counts.get("purchases")).longValue(), redeemed, completed,
                redeemed == 0 ? null : Math.round(completed * 1000.0 / redeemed) / 1000.0, average, distribution, recent);
    }
}
