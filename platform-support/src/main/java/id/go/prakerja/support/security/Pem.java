package id.go.prakerja.support.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;

final class Pem {

    private Pem() {
    }

    static RSAPublicKey publicKey(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read public key " + resource, e);
        }
    }

    static RSAPrivateKey privateKey(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.pkcs8().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read private key " + resource, e);
        }
    }
}
