package dev.slipway.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String EMPTY_SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    @Test
    void parsesSha256() {
        Digest d = Digest.parse("sha256:" + EMPTY_SHA256);

        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.hex()).isEqualTo(EMPTY_SHA256);
        assertThat(d.toString()).isEqualTo("sha256:" + EMPTY_SHA256);
    }

    @Test
    void parsesSha512() {
        Digest d = Digest.parse("sha512:" + EMPTY_SHA512);

        assertThat(d.algorithm()).isEqualTo("sha512");
        assertThat(d.toString()).isEqualTo("sha512:" + EMPTY_SHA512);
    }

    @Test
    void hashesContent() {
        assertThat(Digest.sha256(new byte[0]).hex()).isEqualTo(EMPTY_SHA256);
        assertThat(Digest.of("sha512", new byte[0]).hex()).isEqualTo(EMPTY_SHA512);
        assertThat(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void finishesARunningMessageDigest() {
        MessageDigest md = Digest.newMessageDigest("sha256");
        md.update("{".getBytes(StandardCharsets.UTF_8));
        md.update("}".getBytes(StandardCharsets.UTF_8));

        assertThat(Digest.from("sha256", md)).isEqualTo(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(Digest.parse("sha512:" + EMPTY_SHA512).newMessageDigest().getAlgorithm()).isEqualTo("SHA-512");
    }

    @Test
    void equalityIsByValue() {
        assertThat(Digest.parse("sha256:" + EMPTY_SHA256)).isEqualTo(Digest.sha256(new byte[0]))
                .hasSameHashCodeAs(Digest.sha256(new byte[0]));
        assertThat(Digest.sha256(new byte[0])).isNotEqualTo(Digest.of("sha512", new byte[0]));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "sha256", ":" + EMPTY_SHA256, "sha256:", "sha256:abc", "sha256:" + EMPTY_SHA256 + "0",
        "SHA256:" + EMPTY_SHA256, "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha512:" + EMPTY_SHA256, "md5:d41d8cd98f00b204e9800998ecf8427e", "latest",
        "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
    })
    void rejectsInvalidDigests(String text) {
        assertThatThrownBy(() -> Digest.parse(text))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.DIGEST_INVALID));
    }

    @Test
    void rejectsUnsupportedAlgorithmsForHashing() {
        assertThatThrownBy(() -> Digest.newMessageDigest("md5"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.DIGEST_INVALID));
        assertThatThrownBy(() -> new Digest("blake3", EMPTY_SHA256)).isInstanceOf(RegistryException.class);
    }

    @Test
    void tellsDigestReferencesFromTags() {
        assertThat(Digest.looksLikeDigest("sha256:" + EMPTY_SHA256)).isTrue();
        assertThat(Digest.looksLikeDigest("md5:x")).isTrue();
        assertThat(Digest.looksLikeDigest("latest")).isFalse();
        assertThat(Digest.looksLikeDigest(":latest")).isFalse();
    }
}
