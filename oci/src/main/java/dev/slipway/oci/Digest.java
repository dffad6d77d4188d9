package dev.slipway.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:abc…}; only algorithms a registry can verify are accepted. */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Pattern p = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new RegistryException(OciError.DIGEST_INVALID, "unsupported digest algorithm: " + algorithm);
        };
        if (!p.matcher(hex).matches()) {
            throw new RegistryException(OciError.DIGEST_INVALID, "invalid " + algorithm + " digest: " + hex);
        }
    }

    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new RegistryException(OciError.DIGEST_INVALID, "invalid digest: " + text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static boolean looksLikeDigest(String reference) {
        return reference.indexOf(':') > 0;
    }

    public static Digest sha256(byte[] content) {
        return of("sha256", content);
    }

    public static Digest of(String algorithm, byte[] content) {
        MessageDigest md = newMessageDigest(algorithm);
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest(content)));
    }

    public static Digest from(String algorithm, MessageDigest finished) {
        return new Digest(algorithm, HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new RegistryException(OciError.DIGEST_INVALID, "unsupported digest algorithm: " + algorithm);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
