package id.go.prakerja.payment.snap;

import java.security.PrivateKey;

/**
 * The platform's identity at one partner.
 *
 * @param clientId     {@code X-CLIENT-KEY} and {@code X-PARTNER-ID}
 * @param clientSecret key of the HMAC-SHA512 service signatures (and of the partner's callbacks)
 * @param privateKey   signs access-token requests; the partner holds the public key
 * @param channelId    {@code CHANNEL-ID} the partner assigned
 */
public record SnapCredentials(String clientId, String clientSecret, PrivateKey privateKey, String channelId) {

    @Override
    public String toString() {
        return "SnapCredentials[clientId=" + clientId + "]";
    }
}
