package dev.slipway.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OutputTest {
    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static final JsonNode TOKENS = json("""
            [{"name":"ci-bot","status":"enabled","count":2,"credentials":{"passwords":[]},"tags":["a","b"]},
             {"name":"deployer","status":"disabled","count":null,"credentials":{"passwords":[]},"tags":[]}]""");

    static final Table TABLE = Table.of(Table.field("NAME", "name"), Table.field("STATUS", "status"));

    static String render(Output.Format f, String query, JsonNode data, Table table) {
        return Output.of(f, query).render(data, table);
    }

    @Test
    void jsonIsPrettyWithTwoSpacesLikeAz() {
        assertThat(render(Output.Format.json, null, TOKENS, null)).isEqualTo("""
                [
                  {
                    "name": "ci-bot",
                    "status": "enabled",
                    "count": 2,
                    "credentials": {
                      "passwords": []
                    },
                    "tags": [
                      "a",
                      "b"
                    ]
                  },
                  {
                    "name": "deployer",
                    "status": "disabled",
                    "count": null,
                    "credentials": {
                      "passwords": []
                    },
                    "tags": []
                  }
                ]
                """);
        assertThat(render(Output.Format.json, null, json("{}"), null)).isEqualTo("{}\n");
        assertThat(render(Output.Format.json, null, json("\"a\\\"b\""), null)).isEqualTo("\"a\\\"b\"\n");
        assertThat(render(Output.Format.json, null, null, null)).isEmpty();
    }

    @Test
    void jsoncColoursKeysStringsAndLiterals() {
        String out = render(Output.Format.jsonc, null, json("{\"a\":\"x\",\"b\":true}"), null);
        assertThat(out).isEqualTo("{\n  \u001b[94m\"a\"\u001b[0m: \u001b[32m\"x\"\u001b[0m,\n  \u001b[94m\"b\"\u001b[0m: \u001b[36mtrue\u001b[0m\n}\n");
    }

    @Test
    void tableUsesTheCommandsColumnsOrTheGenericViewAfterAQuery() {
        assertThat(render(Output.Format.table, null, TOKENS, TABLE)).isEqualTo("""
                NAME      STATUS
                --------  --------
                ci-bot    enabled
                deployer  disabled
                """);
        // Without a table view: the scalar fields, capitalised; nested objects and lists left out; null as empty.
        assertThat(render(Output.Format.table, null, TOKENS, null)).isEqualTo("""
                Name      Status    Count
                --------  --------  -----
                ci-bot    enabled   2
                deployer  disabled
                """);
        assertThat(render(Output.Format.table, "[].name", TOKENS, TABLE)).isEqualTo("""
                Result
                --------
                ci-bot
                deployer
                """);
        assertThat(render(Output.Format.table, "[?name=='ci-bot'].{N: name, T: tags[0]}", TOKENS, TABLE)).isEqualTo("""
                N       T
                ------  -
                ci-bot  a
                """);
        assertThat(render(Output.Format.table, null, json("[]"), TABLE)).isEmpty();
    }

    @Test
    void tsvHasNoHeadersOneLinePerItemAndListsAsTheirLength() {
        assertThat(render(Output.Format.tsv, null, TOKENS, TABLE)).isEqualTo("ci-bot\tenabled\t2\t\t2\ndeployer\tdisabled\t\t\t0\n");
        assertThat(render(Output.Format.tsv, "[0].name", TOKENS, null)).isEqualTo("ci-bot\n");
        assertThat(render(Output.Format.tsv, "[].[name, status]", TOKENS, null)).isEqualTo("ci-bot\tenabled\ndeployer\tdisabled\n");
        assertThat(render(Output.Format.tsv, "[0].count", TOKENS, null)).isEqualTo("2\n");
    }

    @Test
    void yamlWithoutDocumentMarker() {
        assertThat(render(Output.Format.yaml, "[0].{name: name, tags: tags}", TOKENS, null)).isEqualTo("""
                name: ci-bot
                tags:
                - a
                - b
                """);
    }

    @Test
    void noneAndQueriesThatFindNothingPrintNothing() {
        assertThat(render(Output.Format.none, null, TOKENS, TABLE)).isEmpty();
        assertThat(render(Output.Format.json, "nothing.here", TOKENS, null)).isEmpty();
        assertThat(render(Output.Format.json, "length(@)", TOKENS, null)).isEqualTo("2\n");
    }

    @Test
    void anInvalidQueryIsAUsageError() {
        assertThatThrownBy(() -> Output.of(Output.Format.json, "[?name=="))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.USAGE);
                    assertThat(e.getMessage()).startsWith("argument --query: invalid JMESPath query '[?name=='").doesNotContain("\n");
                });
    }

    @Test
    void tableTimesAreShownToTheSecond() {
        assertThat(Table.time("2026-12-02T00:58:57.460035512Z")).isEqualTo("2026-12-02T00:58:57Z");
        assertThat(Table.time("not a time")).isEqualTo("not a time");
        assertThat(Table.time("")).isEmpty();
    }
}
