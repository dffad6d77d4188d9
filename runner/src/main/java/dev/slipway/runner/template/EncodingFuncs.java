package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.Adler32;

/** Sprig's encodings, hashes, JSON, UUIDs and random strings. */
final class EncodingFuncs {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private EncodingFuncs() {
    }

    static void register(Registry r) {
        // acb's own b64enc: a missing value encodes to "" instead of failing on the string parameter.
        r.fn("b64enc", a -> a.get(0) == null ? ""
                : Base64.getEncoder().encodeToString(utf8(GoValues.strval(a.get(0)))), Param.ANY);
        r.fn("b64dec", a -> b64dec(a.str(0)), Param.STRING);
        r.fn("b32enc", a -> b32enc(utf8(a.str(0))), Param.STRING);
        r.fn("b32dec", a -> b32dec(a.str(0)), Param.STRING);
        r.fn("sha1sum", a -> digest("SHA-1", a.str(0)), Param.STRING);
        r.fn("sha256sum", a -> digest("SHA-256", a.str(0)), Param.STRING);
        r.fn("adler32sum", a -> {
            Adler32 adler = new Adler32();
            adler.update(utf8(a.str(0)));
            return Long.toString(adler.getValue());
        }, Param.STRING);
        r.fn("toJson", a -> GoJson.marshal(a.get(0), ""), Param.ANY);
        r.fn("toPrettyJson", a -> GoJson.marshal(a.get(0), "  "), Param.ANY);
        r.fn("uuidv4", a -> UUID.randomUUID().toString());
        r.fn("randAlphaNum", a -> random(a.integer(0),
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), Param.INT);
        r.fn("randAlpha", a -> random(a.integer(0), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                Param.INT);
        r.fn("randNumeric", a -> random(a.integer(0), "0123456789"), Param.INT);
        r.fn("randAscii", a -> {
            StringBuilder sb = new StringBuilder();
            for (char c = ' '; c <= '~'; c++) {
                sb.append(c);
            }
            return random(a.integer(0), sb.toString());
        }, Param.INT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sprig returns the decoder's error text instead of failing. */
    private static String b64dec(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphabet = Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/';
            if (!alphabet && c != '=' && c != '\r' && c != '\n') {
                return "illegal base64 data at input byte " + i;
            }
        }
        try {
            return new String(Base64.getMimeDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "illegal base64 data at input byte " + s.length();
        }
    }

    private static String b32enc(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length; i += 5) {
            long buffer = 0;
            int n = Math.min(5, data.length - i);
            for (int j = 0; j < 5; j++) {
                buffer = buffer << 8 | (j < n ? data[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                sb.append(j < chars ? B32.charAt((int) (buffer >> (35 - 5 * j)) & 31) : '=');
            }
        }
        return sb.toString();
    }

    private static String b32dec(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        String body = s.replaceAll("=+$", "");
        if (s.length() % 8 != 0) {
            return "illegal base32 data at input byte " + (s.length() / 8 * 8);
        }
        for (int i = 0; i < body.length(); i++) {
            int v = B32.indexOf(body.charAt(i));
            if (v < 0) {
                return "illegal base32 data at input byte " + i;
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                out.write((int) (buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String digest(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(utf8(s)));
        } catch (NoSuchAlgorithmException e) {
            throw new Failure(e.getMessage());
        }
    }

    private static String random(int count, String alphabet) {
        if (count < 0) {
            throw new Failure("Requested random string length " + count + " is less than 0.");
        }
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
