package id.go.prakerja.simulators.dukcapil;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.Nik;
import id.go.prakerja.simulators.population.PhoneNumbers;
import id.go.prakerja.simulators.population.Regions;
import id.go.prakerja.simulators.population.Resident;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The civil registry's verify-by-element service: the caller sends what the applicant declared and
 * Dukcapil answers, per field, whether it matches what it holds and by how much.
 *
 * <p>Endpoints: {@code POST /dukcapil/v1/verify-by-element} (bearer API key);
 * {@code GET /_control/residents?limit=N&offset=M&nik=…} and {@code POST /_control/residents}.
 */
public final class DukcapilSimulator extends Simulator {

    public static final String VERIFY_PATH = "/dukcapil/v1/verify-by-element";
    public static final int DEFAULT_THRESHOLD = 90;

    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("\\d{16}");

    private final String apiKey;
    private final List<Resident> seeded;
    /** Guarded by {@code this}; insertion order is the index order. */
    private final List<Resident> residents = new ArrayList<>();
    private final Map<String, Resident> byNik = new ConcurrentHashMap<>();

    public DukcapilSimulator(String apiKey, List<Resident> population) {
        super(Party.DUKCAPIL);
        this.apiKey = apiKey;
        this.seeded = List.copyOf(population);
        resetState();
    }

    /** Per-field outcome as Dukcapil reports it. */
    public record FieldMatch(boolean match, int percentage) {
    }

    public enum Verdict {
        MATCH, NO_MATCH, NOT_FOUND
    }

    public record Verification(String requestId, boolean found, Map<String, FieldMatch> fields, Verdict verdict) {
    }

    // ---- Java API for tests -------------------------------------------------------------------

    public synchronized List<Resident> residents() {
        return List.copyOf(residents);
    }

    public synchronized Resident resident(int index) {
        return residents.get(index);
    }

    public Optional<Resident> residentByNik(String nik) {
        return Optional.ofNullable(byNik.get(nik));
    }

    /** Adds (or replaces, by NIK) a person Dukcapil knows. */
    public synchronized void addResident(Resident resident) {
        Resident previous = byNik.put(resident.nik(), resident);
        if (previous != null) {
            residents.set(residents.indexOf(previous), resident);
        } else {
            residents.add(resident);
        }
    }

    /** The verification logic itself, also callable in-process. */
    public Verification verify(String requestId, String nik, String kkNumber, String fullName, String birthPlace,
                               LocalDate birthDate, int threshold) {
        Resident r = byNik.get(nik);
        if (r == null) {
            return new Verification(requestId, false, Map.of(), Verdict.NOT_FOUND);
        }
        Map<String, FieldMatch> fields = new LinkedHashMap<>();
        fields.put("nik", exact(true, threshold));
        // only the elements the caller sent are compared, and only those decide the verdict
        if (kkNumber != null) {
            fields.put("kkNumber", exact(kkNumber.equals(r.kkNumber()), threshold));
        }
        if (fullName != null) {
            fields.put("fullName", scored(Similarity.percentage(fullName, r.fullName()), threshold));
        }
        if (birthPlace != null) {
            fields.put("birthPlace", scored(Similarity.placePercentage(birthPlace, r.birthPlace()), threshold));
        }
        if (birthDate != null) {
            fields.put("birthDate", exact(birthDate.equals(r.birthDate()), threshold));
        }
        boolean all = fields.values().stream().allMatch(FieldMatch::match);
        return new Verification(requestId, true, fields, all ? Verdict.MATCH : Verdict.NO_MATCH);
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", VERIFY_PATH, this::verifyOverHttp);
        router.simulator("GET", "/_control/residents", this::listResidents);
        router.simulator("POST", "/_control/residents", this::addResidentOverHttp);
    }

    @Override
    protected synchronized void resetState() {
        residents.clear();
        byNik.clear();
        residents.addAll(seeded);
        seeded.forEach(r -> byNik.put(r.nik(), r));
    }

    private SimResponse verifyOverHttp(SimRequest request) {
        Auth.requireBearer(request, apiKey);
        JsonFields f = request.fields();
        String requestId = f.requiredText("requestId", 64);
        String nik = f.requiredMatching("nik", SIXTEEN_DIGITS, "must be 16 digits");
        String kk = f.present("kkNumber") ? f.requiredMatching("kkNumber", SIXTEEN_DIGITS, "must be 16 digits") : null;
        String fullName = f.optionalText("fullName");
        String birthPlace = f.optionalText("birthPlace");
        LocalDate birthDate = f.present("birthDate") ? f.requiredDate("birthDate") : null;
        Integer threshold = f.optionalInt("threshold", 0, 100);
        f.throwIfInvalid();
        Verification v = verify(requestId, nik, kk, fullName, birthPlace, birthDate,
                threshold == null ? DEFAULT_THRESHOLD : threshold);
        log.debug("verify-by-element {} -> {}", Nik.mask(nik), v.verdict());
        return SimResponse.json(200, v);
    }

    private SimResponse listResidents(SimRequest request) {
        Optional<String> nik = request.query("nik");
        if (nik.isPresent()) {
            return SimResponse.json(200, residentByNik(nik.get()).map(List::of).orElse(List.of()));
        }
        int limit = request.intQuery("limit", 20);
        int offset = request.intQuery("offset", 0);
        List<Resident> all = residents();
        int from = Math.min(offset, all.size());
        return SimResponse.json(200, all.subList(from, Math.min(all.size(), from + limit)));
    }

    private SimResponse addResidentOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String nik = f.requiredMatching("nik", SIXTEEN_DIGITS, "must be 16 digits");
        if (nik != null && !Nik.isValid(nik)) {
            f.reject("nik", "is not a valid NIK (province, date or serial)");
            nik = null;
        }
        String fullName = f.requiredText("fullName", 120);
        String kk = f.present("kkNumber") ? f.requiredMatching("kkNumber", SIXTEEN_DIGITS, "must be 16 digits") : null;
        LocalDate birthDate = f.present("birthDate") ? f.requiredDate("birthDate") : null;
        String birthPlace = f.optionalText("birthPlace");
        String phone = f.optionalText("phone");
        String e164 = null;
        if (phone != null) {
            e164 = PhoneNumbers.toE164(phone).orElse(null);
            if (e164 == null) {
                f.reject("phone", "must be an Indonesian mobile number (+628…, 628… or 08…)");
            }
        }
        f.throwIfInvalid();

        // whatever the caller leaves out is derived from the NIK, as Dukcapil's own data would agree
        String regencyCode = nik.substring(0, 4);
        Regions.Regency regency = Regions.regency(regencyCode);
        String province = nik.substring(0, 2);
        Resident resident = new Resident(
                nik,
                kk != null ? kk : nik.substring(0, 6) + "010120" + nik.substring(12),
                fullName.toUpperCase(Locale.ROOT),
                Nik.sex(nik),
                birthPlace != null ? birthPlace.toUpperCase(Locale.ROOT) : regency != null ? regency.birthPlace() : "JAKARTA",
                birthDate != null ? birthDate : Nik.birthDate(nik),
                province,
                Regions.provinceName(province),
                regencyCode,
                regency != null ? regency.name() : null,
                e164);
        boolean existed = byNik.containsKey(nik);
        addResident(resident);
        return SimResponse.json(existed ? 200 : 201, resident);
    }

    /** Numbers and dates either are or are not the same: 100 or 0, whatever the threshold. */
    private static FieldMatch exact(boolean equal, int threshold) {
        return new FieldMatch(equal, equal ? 100 : 0);
    }

    private static FieldMatch scored(int percentage, int threshold) {
        return new FieldMatch(percentage >= threshold, percentage);
    }
}
