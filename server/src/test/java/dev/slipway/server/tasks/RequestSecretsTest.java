package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Sealing, opening and dropping the secret parts of a stored run request (a reversible fake cipher). */
class RequestSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UnaryOperator<String> SEAL = v -> "sealed(" + new StringBuilder(v).reverse() + ")";
    private static final UnaryOperator<String> OPEN = v -> new StringBuilder(v.substring(7, v.length() - 1)).reverse().toString();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void secretValuesAndUrlCredentialsAreSealedAndOpenedBackExactly() throws Exception {
        JsonNode request = json("{'runType':'QuickBuild','sourceLocation':'https://bob:t0ken@git.example/r.git#main',"
                + "'arguments':[{'name':'A','value':'plain'},{'name':'S','value':'s3cret','isSecret':true},"
                + "{'name':'N','isSecret':true}],'values':[{'name':'pw','value':'hunter2','isSecret':true}]}");
        JsonNode sealed = RequestSecrets.seal(request, SEAL);
        assertThat(sealed.toString()).doesNotContain("s3cret").doesNotContain("hunter2").doesNotContain("t0ken")
                .contains("\"value\":\"plain\"");
        assertThat(sealed.get("sourceLocation").asText()).isEqualTo("https://<REDACTED>@git.example/r.git#main");
        assertThat(sealed.at("/arguments/1/value").asText()).isEmpty();
        assertThat(RequestSecrets.sealed(sealed)).containsExactlyInAnyOrder(SEAL.apply("s3cret"), SEAL.apply("hunter2"),
                SEAL.apply("https://bob:t0ken@git.example/r.git#main"));
        assertThat(RequestSecrets.seal(sealed, SEAL)).as("sealing twice changes nothing").isEqualTo(sealed);
        assertThat(RequestSecrets.open(sealed, OPEN)).isEqualTo(request);
    }

    @Test
    void aTaskRunsContextOverrideIsSealedToo() throws Exception {
        JsonNode request = json("{'runType':'AutoRun','task':'t','contextPath':'https://x-access-token:ghp_1@github.com/o/r.git'}");
        JsonNode sealed = RequestSecrets.seal(request, SEAL);
        assertThat(sealed.toString()).doesNotContain("ghp_1");
        assertThat(RequestSecrets.open(sealed, OPEN)).isEqualTo(request);
    }

    @Test
    void aRequestWithoutSecretsIsStoredAsItIs() throws Exception {
        JsonNode request = json("{'runType':'QuickRun','cmd':'ok','sourceLocation':'upload:sha256:ab',"
                + "'values':[{'name':'a','value':'1','isSecret':false}]}");
        assertThat(RequestSecrets.seal(request, SEAL)).isEqualTo(request);
        assertThat(RequestSecrets.sealed(request)).isEmpty();
    }

    @Test
    void redactingDropsSealedPartsAndBlanksPlainOnesOfOlderRequests() throws Exception {
        JsonNode request = json("{'runType':'QuickRun','sourceLocation':'https://t0ken@h/r.git',"
                + "'values':[{'name':'pw','value':'hunter2','isSecret':true},{'name':'a','value':'1'}]}");
        JsonNode expected = json("{'runType':'QuickRun','sourceLocation':'https://<REDACTED>@h/r.git',"
                + "'values':[{'name':'pw','value':'','isSecret':true},{'name':'a','value':'1'}]}");
        assertThat(RequestSecrets.redact(RequestSecrets.seal(request, SEAL))).isEqualTo(expected);
        assertThat(RequestSecrets.redact(request)).as("stored before requests were sealed").isEqualTo(expected);
    }
}
