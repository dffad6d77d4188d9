package dev.slipway.server.auth;

import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Bcrypt;
import java.security.SecureRandom;

/** Password generation and slow salted hashing (bcrypt through password4j, which compares in constant time). */
final class Passwords {
    private static final BcryptFunction BCRYPT = BcryptFunction.getInstance(Bcrypt.B, 10);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String generate() {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String hash(String password) {
        return Password.hash(password).with(BCRYPT).getResult();
    }

    static boolean matches(String password, String hash) {
        try {
            return Password.check(password, hash).with(BCRYPT);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
