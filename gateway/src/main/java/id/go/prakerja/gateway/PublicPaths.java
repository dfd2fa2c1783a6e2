package id.go.prakerja.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which service owns which public path prefix: the same table the k8s Ingress routes
 * (README, "Endpoint groups"), plus each service's dead-letter admin under
 * {@code /admin/messaging/<service>} and its audit trail under {@code /admin/audit/<service>}.
 */
public final class PublicPaths {

    public static final Map<String, List<String>> BY_SERVICE = table();

    private PublicPaths() {
    }

    private static Map<String, List<String>> table() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("registration", List.of("/api/v1/auth", "/api/v1/participants", "/api/v1/waves", "/api/v1/grievances",
                "/admin/participants", "/admin/waves", "/admin/grievances", "/admin/messaging/registration", "/admin/audit/registration"));
        t.put("verification", List.of("/api/v1/verification", "/admin/verification", "/admin/messaging/verification", "/admin/audit/verification"));
        t.put("training", List.of("/api/v1/trainings", "/api/v1/platforms", "/api/v1/purchases", "/api/v1/balance",
                "/admin/trainings", "/admin/platforms", "/partner/platforms", "/admin/messaging/training", "/admin/audit/training"));
        t.put("incentive", List.of("/api/v1/payout-account", "/api/v1/incentives", "/admin/incentives", "/admin/integrity",
                "/admin/messaging/incentive", "/admin/audit/incentive"));
        t.put("payment", List.of("/partner/payments", "/admin/payments", "/admin/reconciliation", "/admin/messaging/payment", "/admin/audit/payment"));
        t.put("survey", List.of("/api/v1/surveys", "/admin/surveys", "/admin/messaging/survey", "/admin/audit/survey"));
        t.put("console", List.of("/console", "/admin/reports", "/admin/messaging/console", "/admin/audit/console"));
        return Map.copyOf(t);
    }
}
