package id.go.prakerja.training.purchase;

import java.security.SecureRandom;

/** Voucher codes a person can type: "PK" and 10 characters without look-alikes (no 0/O, 1/I/L). */
public final class VoucherCodes {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VoucherCodes() {
    }

    public static String next() {
        char[] code = new char[12];
        code[0] = 'P';
        code[1] = 'K';
        for (int i = 2; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
