package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class PersonalDataCryptoTest {

    private static final PersonalDataCrypto CRYPTO = new PersonalDataCrypto(new CryptoProperties(
            "UbdHho3x0rOpxlGbSdFNgsnJRF7rY8CyduSagjgMPaQ=", "RQ92/cNeXI2Ykfd2VHkUdzy6E0Eex2HNTY7sTlOQfWM=",
            "G6nw9L7aZlrM+EBdoGIN/ZU44ByMJPGh1V0l3AuuXXY="));
    private static final PersonalDataCrypto OTHER_KEY = new PersonalDataCrypto(new CryptoProperties(
            "bG9jYWwtb25seS1kZW1vLWZpZWxkLWtleS0wMDAwMDE=", "RQ92/cNeXI2Ykfd2VHkUdzy6E0Eex2HNTY7sTlOQfWM=", null));

    @Property
    void sealed_bytes_open_to_exactly_what_was_sealed(@ForAll @Size(max = 2048) byte[] image) {
        byte[] sealed = CRYPTO.encryptBytesAtRest(image);
        assertThat(CRYPTO.decryptBytesAtRest(sealed)).isEqualTo(image);
    }

    @Test
    void sealed_bytes_differ_each_time_and_cannot_be_opened_with_another_key_or_after_tampering() {
        byte[] photo = "a KTP photo".getBytes();
        byte[] first = CRYPTO.encryptBytesAtRest(photo);
        assertThat(CRYPTO.encryptBytesAtRest(photo)).isNotEqualTo(first);
        assertThatThrownBy(() -> OTHER_KEY.decryptBytesAtRest(first)).isInstanceOf(IllegalArgumentException.class);
        first[first.length - 1] ^= 1;
        assertThatThrownBy(() -> CRYPTO.decryptBytesAtRest(first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void text_sealed_at_rest_or_for_transport_opens_only_for_its_purpose(@ForAll @Size(max = 40) String nik) {
        assertThat(CRYPTO.decryptAtRest(CRYPTO.encryptAtRest(nik))).isEqualTo(nik);
        String forTransport = CRYPTO.encryptForTransport(nik);
        assertThat(CRYPTO.decryptFromTransport(forTransport)).isEqualTo(nik);
        assertThatThrownBy(() -> CRYPTO.decryptAtRest(CRYPTO.encryptForTransport(nik)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
