package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PersonalDataCryptoTest {

    private static final String FIELD_KEY = "UbdHho3x0rOpxlGbSdFNgsnJRF7rY8CyduSagjgMPaQ=";
    private static final String BLIND_INDEX_KEY = "RQ92/cNeXI2Ykfd2VHkUdzy6E0Eex2HNTY7sTlOQfWM=";
    private static final String TRANSPORT_KEY = "G6nw9L7aZlrM+EBdoGIN/ZU44ByMJPGh1V0l3AuuXXY=";
    private static final String NEW_FIELD_KEY = "bG9jYWwtb25seS1kZW1vLWZpZWxkLWtleS0wMDAwMDE=";

    private static final PersonalDataCrypto CRYPTO = new PersonalDataCrypto(new CryptoProperties(FIELD_KEY, BLIND_INDEX_KEY,
            TRANSPORT_KEY));
    private static final SealContext NIK_OF_A = SealContext.of("participant", "nik_sealed", "a");

    // Sealed by the code before key ids (field key FIELD_KEY as its only key, transport key
    // TRANSPORT_KEY): what local databases and retained events hold.
    private static final String LEGACY_NIK = "v1:+pyemKMkHaMyoNKDxoG0A1B8ngoR2v9GZlirBZJwFujCzgT0pP9FrhH3DiY=";
    private static final String LEGACY_TRANSPORT_KK = "v1:MwqmUXi0DHG43CAK61nCIe+8b1W4daQL4/jCOyUR4dMI1+D1iPuNlcM1EaQ=";
    private static final String LEGACY_PHOTO = "8C7mH5mgoBVFgVkhsQKNHPvpUvwgneZukVgx+v+/4BRzXTUIDy4v";

    private static PersonalDataCrypto fieldKeys(Map<Integer, String> keys, Integer current, boolean openLegacy) {
        return new PersonalDataCrypto(new CryptoProperties(null, keys, current, BLIND_INDEX_KEY, null, Map.of(), null,
                openLegacy));
    }

    @Provide
    Arbitrary<Map<Integer, String>> keySets() {
        Arbitrary<String> key = Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> Base64.getEncoder().encodeToString(b));
        return Arbitraries.maps(Arbitraries.integers().between(1, 65535), key).ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<SealContext> contexts() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '/').ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(name, name, Arbitraries.strings().ofMaxLength(40)).as(SealContext::new);
    }

    @Property
    void values_sealed_under_any_key_set_open_to_what_was_sealed(@ForAll("keySets") Map<Integer, String> keys,
            @ForAll @IntRange(min = 0, max = 3) int currentIndex, @ForAll("contexts") SealContext where,
            @ForAll @Size(max = 40) String nik, @ForAll @Size(max = 2048) byte[] image) {
        Integer current = List.copyOf(keys.keySet()).get(currentIndex % keys.size());
        PersonalDataCrypto crypto = fieldKeys(keys, current, true);

        String sealed = crypto.encryptAtRest(nik, where);
        assertThat(sealed).startsWith("v2:" + current + ":");
        assertThat(crypto.decryptAtRest(sealed, where)).isEqualTo(nik);
        assertThat(crypto.isUnderCurrentFieldKey(sealed)).isTrue();
        byte[] sealedImage = crypto.encryptBytesAtRest(image, where);
        assertThat(crypto.decryptBytesAtRest(sealedImage, where)).isEqualTo(image);
        assertThat(crypto.isUnderCurrentFieldKey(sealedImage)).isTrue();
    }

    @Property
    void a_value_sealed_for_one_row_and_column_opens_for_no_other(@ForAll("contexts") SealContext sealedFor,
            @ForAll("contexts") SealContext openedAt, @ForAll @Size(max = 40) String nik) {
        Assume.that(!sealedFor.equals(openedAt));
        String sealed = CRYPTO.encryptAtRest(nik, sealedFor);
        byte[] sealedBytes = CRYPTO.encryptBytesAtRest(nik.getBytes(StandardCharsets.UTF_8), sealedFor);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(sealed, openedAt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CRYPTO.decryptBytesAtRest(sealedBytes, openedAt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CRYPTO.decryptFromTransport(CRYPTO.encryptForTransport(nik, sealedFor), openedAt))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_nik_copied_to_another_participant_or_into_the_kk_column_does_not_open() {
        String nikOfA = CRYPTO.encryptAtRest("3174050101900001", NIK_OF_A);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(nikOfA, SealContext.of("participant", "nik_sealed", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(nikOfA, SealContext.of("participant", "kk_sealed", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(nikOfA, SealContext.of("verification_case", "nik_sealed", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        // "a/b" in column "c" is not "b" in column "a/c"
        String composite = CRYPTO.encryptAtRest("x", SealContext.of("t", "c", "a", "b"));
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(composite, new SealContext("t", "a/c", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void a_value_sealed_under_an_old_key_opens_after_a_new_key_becomes_current_and_reseals_under_it(
            @ForAll("contexts") SealContext where, @ForAll @Size(max = 40) String nik, @ForAll @Size(max = 512) byte[] image) {
        PersonalDataCrypto before = fieldKeys(Map.of(1, FIELD_KEY), null, true);
        PersonalDataCrypto during = fieldKeys(Map.of(1, FIELD_KEY, 2, NEW_FIELD_KEY), null, true);
        PersonalDataCrypto after = fieldKeys(Map.of(2, NEW_FIELD_KEY), null, true);
        String old = before.encryptAtRest(nik, where);
        byte[] oldImage = before.encryptBytesAtRest(image, where);

        assertThat(during.currentFieldKeyId()).as("the newest key seals").isEqualTo(2);
        assertThat(during.decryptAtRest(old, where)).isEqualTo(nik);
        assertThat(during.decryptBytesAtRest(oldImage, where)).isEqualTo(image);
        assertThat(during.isUnderCurrentFieldKey(old)).isFalse();
        assertThat(during.isUnderCurrentFieldKey(oldImage)).isFalse();

        String resealed = during.resealAtRest(old, where);
        byte[] resealedImage = during.resealBytesAtRest(oldImage, where);
        assertThat(during.resealAtRest(resealed, where)).as("nothing left to do").isSameAs(resealed);
        assertThat(after.decryptAtRest(resealed, where)).isEqualTo(nik);
        assertThat(after.decryptBytesAtRest(resealedImage, where)).isEqualTo(image);
        assertThatThrownBy(() -> after.decryptAtRest(old, where)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> after.decryptBytesAtRest(oldImage, where)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_configured_current_key_id_seals_even_when_a_newer_key_is_configured() {
        // first step of a rotation: every replica learns key 2 before any seals with it
        PersonalDataCrypto learning = fieldKeys(Map.of(1, FIELD_KEY, 2, NEW_FIELD_KEY), 1, true);
        assertThat(learning.encryptAtRest("3174050101900001", NIK_OF_A)).startsWith("v2:1:");
        assertThatThrownBy(() -> fieldKeys(Map.of(1, FIELD_KEY), 2, true)).hasMessageContaining("field-key-id");
        assertThatThrownBy(() -> new PersonalDataCrypto(new CryptoProperties(FIELD_KEY, Map.of(1, NEW_FIELD_KEY), null,
                BLIND_INDEX_KEY, null, Map.of(), null, true))).hasMessageContaining("key 1");
    }

    @Test
    void values_sealed_before_key_ids_still_open_anywhere_their_key_is_configured() {
        assertThat(CRYPTO.decryptAtRest(LEGACY_NIK, NIK_OF_A)).isEqualTo("3174050101900001");
        assertThat(CRYPTO.decryptFromTransport(LEGACY_TRANSPORT_KK, NIK_OF_A)).isEqualTo("3174051201090123");
        assertThat(CRYPTO.decryptBytesAtRest(Base64.getDecoder().decode(LEGACY_PHOTO), NIK_OF_A))
                .isEqualTo("a KTP photo".getBytes(StandardCharsets.UTF_8));
        assertThat(CRYPTO.isUnderCurrentFieldKey(LEGACY_NIK)).isFalse();
        assertThat(CRYPTO.isUnderCurrentFieldKey(Base64.getDecoder().decode(LEGACY_PHOTO))).isFalse();

        // the old key is now key 1 of two; key 2 seals
        PersonalDataCrypto rotated = fieldKeys(Map.of(1, FIELD_KEY, 2, NEW_FIELD_KEY), null, true);
        assertThat(rotated.decryptAtRest(LEGACY_NIK, NIK_OF_A)).isEqualTo("3174050101900001");
        String resealed = rotated.resealAtRest(LEGACY_NIK, NIK_OF_A);
        assertThat(resealed).startsWith("v2:2:");
        assertThat(rotated.decryptAtRest(resealed, NIK_OF_A)).isEqualTo("3174050101900001");

        PersonalDataCrypto strict = fieldKeys(Map.of(1, FIELD_KEY), null, false);
        assertThatThrownBy(() -> strict.decryptAtRest(LEGACY_NIK, NIK_OF_A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> strict.decryptBytesAtRest(Base64.getDecoder().decode(LEGACY_PHOTO), NIK_OF_A))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void any_changed_bit_of_a_sealed_value_makes_it_fail_to_open(@ForAll @Size(max = 64) byte[] photo,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] sealed = CRYPTO.encryptBytesAtRest(photo, NIK_OF_A);
        byte[] tampered = sealed.clone();
        tampered[position % tampered.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> CRYPTO.decryptBytesAtRest(tampered, NIK_OF_A)).isInstanceOf(IllegalArgumentException.class);

        String text = CRYPTO.encryptAtRest(Base64.getEncoder().encodeToString(photo), NIK_OF_A);
        byte[] body = Base64.getDecoder().decode(text.substring("v2:1:".length()));
        body[position % body.length] ^= (byte) (1 << bit);
        String tamperedText = "v2:1:" + Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(tamperedText, NIK_OF_A)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_value_relabelled_with_another_key_id_or_purpose_does_not_open() {
        PersonalDataCrypto twoKeys = fieldKeys(new LinkedHashMap<>(Map.of(1, FIELD_KEY, 2, FIELD_KEY)), 2, true);
        String underTwo = twoKeys.encryptAtRest("3174050101900001", NIK_OF_A);
        // same key bytes under both ids: only the bound key id tells them apart
        assertThatThrownBy(() -> twoKeys.decryptAtRest(underTwo.replace("v2:2:", "v2:1:"), NIK_OF_A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> twoKeys.decryptAtRest(underTwo.replace("v2:2:", "v2:9:"), NIK_OF_A))
                .isInstanceOf(IllegalArgumentException.class);
        String forTransport = CRYPTO.encryptForTransport("3174050101900001", NIK_OF_A);
        assertThat(CRYPTO.decryptFromTransport(forTransport, NIK_OF_A)).isEqualTo("3174050101900001");
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(forTransport, NIK_OF_A)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealed_values_differ_each_time_and_the_blind_index_does_not_depend_on_field_keys() {
        byte[] photo = "a KTP photo".getBytes(StandardCharsets.UTF_8);
        assertThat(CRYPTO.encryptBytesAtRest(photo, NIK_OF_A)).isNotEqualTo(CRYPTO.encryptBytesAtRest(photo, NIK_OF_A));
        PersonalDataCrypto rotated = fieldKeys(Map.of(2, NEW_FIELD_KEY), null, true);
        assertThat(rotated.blindIndex("3174050101900001")).isEqualTo(CRYPTO.blindIndex("3174050101900001"));
        assertThat(Set.of(CRYPTO.blindIndex("3174050101900001"), CRYPTO.blindIndex("3174050101900002"))).hasSize(2);
    }
}
