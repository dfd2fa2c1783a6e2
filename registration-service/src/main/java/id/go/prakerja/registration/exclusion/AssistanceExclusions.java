package id.go.prakerja.registration.exclusion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.support.crypto.PersonalDataCrypto;

/**
 * The optional exclusion of people who already receive other social assistance (PKH, BPNT, ...),
 * from a given wave on. Operators upload the recipients' NIKs; only their blind indexes are kept.
 * A listed participant cannot join a wave from that number on, and is not selected in one they
 * joined before the list arrived.
 */
@Service
public class AssistanceExclusions {

    private static final Logger log = LoggerFactory.getLogger(AssistanceExclusions.class);
    private static final int BATCH = 1_000;
    private static final int INVALID_SHOWN = 100;

    private final JdbcTemplate jdbc;
    private final PersonalDataCrypto crypto;
    private final Clock clock;

    public AssistanceExclusions(JdbcTemplate jdbc, PersonalDataCrypto crypto, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.clock = clock;
    }

    /**
     * @param listed      NIKs of this upload now on the list (new or moved to this source and wave)
     * @param invalid     the first lines that are not a NIK, by line number
     * @param invalidLines how many lines were not a NIK in all
     */
    public record Upload(UUID uploadId, String source, int fromWave, long lines, long listed, long duplicates,
            long invalidLines, List<AssistanceList.Invalid> invalid) {
    }

    public record Summary(long total, Map<String, Long> bySource, Map<Integer, Long> byFirstWave) {
    }

    /** Reads the whole list and applies it in one transaction: a list that breaks off midway changes nothing. */
    @Transactional
    public Upload upload(String source, int fromWave, Reader body, String operator) {
        AssistanceList list = new AssistanceList();
        try (BufferedReader lines = new BufferedReader(body)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                list.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the list could not be read to its end", e);
        }
        UUID uploadId = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(BATCH);
        for (String nik : list.niks()) {
            rows.add(new Object[] {crypto.blindIndex(nik), source, fromWave, now, operator, uploadId});
            if (rows.size() == BATCH) {
                write(rows);
            }
        }
        write(rows);
        log.info("social-assistance list {} from {} ({}, from wave {}): {} listed, {} duplicate and {} invalid lines",
                uploadId, operator, source, fromWave, list.niks().size(), list.duplicates(), list.invalid().size());
        return new Upload(uploadId, source, fromWave, list.lines(), list.niks().size(), list.duplicates(),
                list.invalid().size(), list.invalid().stream().limit(INVALID_SHOWN).toList());
    }

    /** Whether the person with this NIK blind index may not take part in the given wave. */
    public boolean excludedFrom(String nikHash, int waveNumber) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from assistance_exclusion "
                + "where nik_hash = ? and applies_from_wave <= ?)", Boolean.class, nikHash, waveNumber));
    }

    /** Takes one NIK off the list (listed by mistake); true if it was on it. */
    @Transactional
    public boolean remove(String nik, String operator) {
        boolean removed = jdbc.update("delete from assistance_exclusion where nik_hash = ?", crypto.blindIndex(nik)) > 0;
        log.info("NIK {} {} the social-assistance list by {}", PersonalDataCrypto.mask(nik),
                removed ? "taken off" : "was not on", operator);
        return removed;
    }

    public Summary summary() {
        Map<String, Long> bySource = new LinkedHashMap<>();
        jdbc.query("select source, count(*) from assistance_exclusion group by source order by source",
                rs -> {
                    bySource.put(rs.getString(1), rs.getLong(2));
                });
        Map<Integer, Long> byWave = new LinkedHashMap<>();
        jdbc.query("select applies_from_wave, count(*) from assistance_exclusion group by 1 order by 1",
                rs -> {
                    byWave.put(rs.getInt(1), rs.getLong(2));
                });
        return new Summary(bySource.values().stream().mapToLong(Long::longValue).sum(), bySource, byWave);
    }

    private void write(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into assistance_exclusion (nik_hash, source, applies_from_wave, listed_at, listed_by, upload_id)
                values (?, ?, ?, ?, ?, ?)
                on conflict (nik_hash) do update set source = excluded.source,
                    applies_from_wave = excluded.applies_from_wave, listed_at = excluded.listed_at,
                    listed_by = excluded.listed_by, upload_id = excluded.upload_id""", rows);
        rows.clear();
    }
}
