package id.go.prakerja.registration.participant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Operators find participants (a NIK is searched by its blind index and shown masked) and see how many are where. */
@RestController
@RequestMapping("/admin/participants")
@Tag(name = "Participants (operator)")
public class ParticipantAdminController {

    private final JdbcTemplate jdbc;
    private final PersonalDataCrypto crypto;

    public ParticipantAdminController(JdbcTemplate jdbc, PersonalDataCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    public record Found(UUID participantId, String nik, String fullName, String email, String phone, String provinceCode,
            Participant.Status status, Instant registeredAt) {
    }

    @GetMapping
    public List<Found> search(@RequestParam(required = false) String nik, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, @RequestParam(required = false) Participant.Status status,
            @RequestParam(required = false) String province, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        StringBuilder where = new StringBuilder("where true");
        List<Object> args = new ArrayList<>();
        if (nik != null) {
            where.append(" and nik_hash = ?");
            args.add(crypto.blindIndex(nik.trim()));
        }
        if (phone != null) {
            where.append(" and phone = ?");
            args.add(PhoneNumber.normalise(phone).orElse(phone.trim()));
        }
        if (email != null) {
            where.append(" and email = ?");
            args.add(email.trim().toLowerCase(java.util.Locale.ROOT));
        }
        if (status != null) {
            where.append(" and status = ?");
            args.add(status.name());
        }
        if (province != null) {
            where.append(" and province_code = ?");
            args.add(province.trim());
        }
        int limit = Math.min(Math.max(size, 1), 200);
        args.add(limit);
        args.add((long) Math.max(page, 0) * limit);
        return jdbc.query("select id, nik_sealed, full_name, email, phone, province_code, status, registered_at "
                + "from participant " + where + " order by registered_at, id limit ? offset ?", (rs, i) -> new Found(
                        rs.getObject(1, UUID.class), PersonalDataCrypto.mask(crypto.decryptAtRest(rs.getString(2),
                                SealedParticipantData.nik(rs.getObject(1, UUID.class)))),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        Participant.Status.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant()),
                args.toArray());
    }

    /** Participants by status, and by province and status. */
    @GetMapping("/counts")
    public Map<String, Object> counts() {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byProvince = new TreeMap<>();
        jdbc.query("select province_code, status, count(*) from participant group by province_code, status", rs -> {
            byStatus.merge(rs.getString(2), rs.getLong(3), Long::sum);
            byProvince.computeIfAbsent(rs.getString(1), p -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("byStatus", byStatus);
        result.put("byProvince", byProvince);
        return result;
    }
}
