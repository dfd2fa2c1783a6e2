package id.go.prakerja.support.email;

/** What the platform needs from an e-mail provider: deliver one message, at most once per message id. */
public interface EmailSender {

    /**
     * @throws EmailUnavailable when the provider cannot take the message now
     */
    void send(String messageId, String to, String subject, String text);

    class EmailUnavailable extends RuntimeException {
        public EmailUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
