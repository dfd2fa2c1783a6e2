package id.go.prakerja.registration.grievance;

import static id.go.prakerja.support.crypto.SealedTable.bytes;
import static id.go.prakerja.support.crypto.SealedTable.key;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * The images that came with a grievance, sealed with the service's at-rest key as verification
 * seals KYC images: each bound to its grievance and position, so an image copied to another row
 * does not open. The bean lets the re-encryption job walk the table.
 */
@Configuration(proxyBeanMethods = false)
public class GrievanceImages {

    public static final SealedTable GRIEVANCE_IMAGE = new SealedTable("grievance_image",
            List.of(key("grievance_id", "uuid"), key("position", "int")), List.of(bytes("content")));

    public record Image(byte[] content, String mediaType) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataCrypto crypto;

    public GrievanceImages(JdbcTemplate jdbc, PersonalDataCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    public static SealContext content(UUID grievanceId, int position) {
        return GRIEVANCE_IMAGE.context("content", grievanceId, position);
    }

    void store(UUID grievanceId, int position, byte[] content, String mediaType) {
        jdbc.update("insert into grievance_image (grievance_id, position, content, media_type) values (?, ?, ?, ?)",
                grievanceId, position, crypto.encryptBytesAtRest(content, content(grievanceId, position)), mediaType);
    }

    Optional<Image> read(UUID grievanceId, int position) {
        return jdbc.query("select content, media_type from grievance_image where grievance_id = ? and position = ?",
                (rs, i) -> new Image(crypto.decryptBytesAtRest(rs.getBytes(1), content(grievanceId, position)), rs.getString(2)),
                grievanceId, position).stream().findFirst();
    }

    @Bean
    SealedTable grievanceImageSealedColumns() {
        return GRIEVANCE_IMAGE;
    }
}
