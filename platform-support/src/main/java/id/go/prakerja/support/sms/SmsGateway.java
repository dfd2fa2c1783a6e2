package id.go.prakerja.support.sms;

/** What the platform needs from an SMS provider: deliver one text, at most once per message id. */
public interface SmsGateway {

    /**
     * @throws SmsUnavailable when the provider cannot take the message now
     */
    void send(String messageId, String phoneE164, String text);

    class SmsUnavailable extends RuntimeException {
        public SmsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
