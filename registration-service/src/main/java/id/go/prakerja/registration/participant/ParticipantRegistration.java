package id.go.prakerja.registration.participant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;

/** Accepts a profile, stores it with NIK and KK sealed, and announces it in the same transaction. */
@Service
public class ParticipantRegistration {

    private static final Logger log = LoggerFactory.getLogger(ParticipantRegistration.class);
    /** Registration dates are Indonesian calendar days (WIB). */
    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private final PersonalDataCrypto crypto;
    private final Outbox outbox;
    private final Clock clock;
    private final RegistrationRules rules;
    private final Eligibility eligibility;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public ParticipantRegistration(PersonalDataCrypto crypto, Outbox outbox,
            Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc,
            @Value("${prakerja.registration.minimum-age:18}") int minimumAge,
            @Value("${prakerja.registration.max-participants-per-family-card:2}") int maxPerFamilyCard) {
        this.crypto = crypto;
        this.outbox = outbox;
        this.clock = clock;
        this.rules = new RegistrationRules(minimumAge);
        this.eligibility = new Eligibility(maxPerFamilyCard);
        this.jdbc = jdbc;
    }

    @Transactional
    public Participant register(RegistrationRequest request) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, JAKARTA);
        List<RegistrationRules.Violation> violations = rules.check(new RegistrationRules.Profile(request.nik(),
                request.kkNumber(), request.birthDate(), request.sex(), request.phone(), request.provinceCode(),
                request.regencyCode()), today);
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", violations.stream()
                    .map(v -> new ProblemException.FieldProblem(v.field(), v.code(), v.arguments())).toList());
        }
        String phone = PhoneNumber.normalise(request.phone()).orElseThrow();
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String nikHash = crypto.blindIndex(request.nik());
        String kkHash = crypto.blindIndex(request.kkNumber());
        // Registrations of one family card take turns, so two at once cannot both pass the limit.
        // The lock is a statement of its own: under READ COMMITTED a statement reads the data as
        // it was when the statement began, so a count in the statement that waited for the lock
        // would miss the members registered while it waited.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?)) is not null", Boolean.class, "kk:" + kkHash);
        // everything else the rules need to know from the database, in one round trip
        Known known = jdbc.queryForObject("""
                select (select count(*) from participant where kk_hash = ?),
                       exists (select 1 from banned_nik where nik_hash = ?),
                       exists (select 1 from participant where nik_hash = ?),
                       exists (select 1 from participant where email = ?),
                       exists (select 1 from participant where phone = ?)
                """, (rs, i) -> new Known(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                rs.getBoolean(5)), kkHash, nikHash, nikHash, email, phone);
        List<RegistrationRules.Violation> refusals = eligibility.refusals(new Eligibility.Applicant(request.declarations(),
                known.onFamilyCard(), known.banned()));
        if (!refusals.isEmpty()) {
            log.info("registration refused as ineligible: {} (NIK {})",
                    refusals.stream().map(RegistrationRules.Violation::code).toList(), PersonalDataCrypto.mask(request.nik()));
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "INELIGIBLE", refusals.stream()
                    .map(v -> new ProblemException.FieldProblem(v.field(), v.code(), v.arguments())).toList());
        }
        if (known.nikTaken()) {
            throw new ProblemException(HttpStatus.CONFLICT, "NIK_ALREADY_REGISTERED");
        }
        if (known.emailTaken()) {
            throw new ProblemException(HttpStatus.CONFLICT, "EMAIL_ALREADY_REGISTERED");
        }
        if (known.phoneTaken()) {
            throw new ProblemException(HttpStatus.CONFLICT, "PHONE_ALREADY_REGISTERED");
        }
        UUID id = UUID.randomUUID();
        Participant participant = new Participant(id, crypto.encryptAtRest(request.nik(), SealedParticipantData.nik(id)), nikHash,
                crypto.encryptAtRest(request.kkNumber(), SealedParticipantData.kk(id)), kkHash,
                request.fullName().trim(), request.birthPlace().trim(), request.birthDate(), request.sex(), email, phone,
                request.address().trim(), request.provinceCode(), request.regencyCode(), request.education(),
                request.jobStatus(), request.declarations(), now);
        try {
            // A plain insert rather than the ORM: this is the programme's busiest write (7.6 million
            // people in the first ten days), and persisting through Hibernate cost about a tenth of
            // the service's CPU per registration. The entity is read and changed through JPA elsewhere.
            jdbc.update("""
                    insert into participant (id, nik_sealed, nik_hash, kk_sealed, kk_hash, full_name, birth_place,
                        birth_date, sex, email, phone, address, province_code, regency_code, education, job_status,
                        in_formal_education, public_office, status, status_changed_at, registered_at, version)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                    participant.id(), participant.nikSealed(), nikHash, participant.kkSealed(), kkHash,
                    participant.fullName(), participant.birthPlace(), request.birthDate(), request.sex().name(), email,
                    phone, participant.address(), request.provinceCode(), request.regencyCode(),
                    request.education().name(), request.jobStatus().name(), request.declarations().inFormalEducation(),
                    request.declarations().publicOffice().name(), participant.status().name(),
                    java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
        } catch (DataIntegrityViolationException e) {
            throw duplicate(e);
        }
        outbox.publish(EventEnvelope.of(new ParticipantRegistered(
                crypto.encryptForTransport(request.nik(), SealedParticipantData.nikOnTheWire(id)),
                crypto.encryptForTransport(request.kkNumber(), SealedParticipantData.kkOnTheWire(id)), nikHash, request.provinceCode(), request.regencyCode(),
                participant.birthPlace(), request.birthDate(), request.sex(), email, phone, participant.fullName(),
                request.education(), request.jobStatus(), now), id, UUID.randomUUID(), null, now));
        log.info("participant {} registered (NIK {}, province {})", id, PersonalDataCrypto.mask(request.nik()),
                request.provinceCode());
        return participant;
    }

    private record Known(long onFamilyCard, boolean banned, boolean nikTaken, boolean emailTaken, boolean phoneTaken) {
    }

    /**
     * Two requests racing past the checks (two registrations, or a profile update and a
     * registration) meet the unique constraints; answer as the checks would have.
     */
    static RuntimeException duplicate(RuntimeException e) {
        if (id.go.prakerja.support.web.DatabaseErrors.isDataException(e)) {
            return e; // a value no column can hold (a NUL character, too long): 400 INVALID_VALUE, not a duplicate
        }
        String message = String.valueOf(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        if (message.contains("participant_email_unique")) {
            return new ProblemException(HttpStatus.CONFLICT, "EMAIL_ALREADY_REGISTERED");
        }
        if (message.contains("participant_phone_unique")) {
            return new ProblemException(HttpStatus.CONFLICT, "PHONE_ALREADY_REGISTERED");
        }
        return new ProblemException(HttpStatus.CONFLICT, "NIK_ALREADY_REGISTERED");
    }
}
