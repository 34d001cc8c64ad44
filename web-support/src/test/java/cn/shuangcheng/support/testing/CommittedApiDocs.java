package cn.shuangcheng.support.testing;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI document a service serves, compared with the one committed under {@code docs/openapi/<service>.json}
 * (what partners and the generated client build against). Both are compared in one canonical form: keys sorted at
 * every level, two-space indentation, a final newline; so a diff of the committed file reads as a diff of the API.
 *
 * <p>When the API changed on purpose, run the service's test with {@code -Dopenapi.update=true}: it then writes the
 * served document to the committed file (and passes); commit the file with the change (docs/api-guide.md).
 */
public final class CommittedApiDocs {

    /** The system property that turns the comparison into an update of the committed file. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    /**
     * Jackson 2 on purpose, unlike the rest of the tests: its pretty printer wrote the committed documents, and the
     * canonical form must stay byte for byte what it was.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CommittedApiDocs() {
    }

    /** Fetches {@code /v3/api-docs} and fails, saying how to update, when it is not the committed document. */
    public static void assertServedEqualsCommitted(Api api, String service) {
        Api.Answer answer = api.get("/v3/api-docs").send();
        assertThat(answer.status()).as("GET /v3/api-docs without a token").isEqualTo(200);
        String served = canonical(answer.raw().body());
        // the host and port the test happened to use must not leak in: the document would differ every run
        assertThat(served).as("the served document names no host or port").doesNotContain("127.0.0.1", "localhost");
        Path committed = committedFile(service);
        Path servedCopy = module().resolve("target").resolve("openapi").resolve(service + ".json");
        write(servedCopy, served);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(committed, served);
            return;
        }
        String expected = Files.exists(committed) ? read(committed) : "";
        if (!served.equals(expected)) {
            fail("The OpenAPI document " + service + " serves differs from " + committed.normalize()
                    + " (first difference at line " + firstDifferentLine(served, expected) + "; the served one is in "
                    + servedCopy + ").\n"
                    + "If the change is intended, rewrite the committed file and commit it:\n"
                    + "  ./mvnw -B -ntp -pl " + service + " -am verify -Dtest='ServedApiDocsTest' "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -DskipITs -D" + UPDATE_PROPERTY + "=true\n"
                    + "(see docs/api-guide.md, \"OpenAPI documents and Swagger UI\").");
        }
    }

    /** The canonical form: keys sorted at every level, two-space indentation, LF line ends, a final newline. */
    public static String canonical(String json) {
        try {
            Map<?, ?> tree = JSON.readValue(json, Map.class);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/openapi/&lt;service&gt;.json at the repository's root, seen from the module Maven runs the test in. */
    static Path committedFile(String service) {
        return module().getParent().resolve("docs").resolve("openapi").resolve(service + ".json");
    }

    private static Path module() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    private static int firstDifferentLine(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (!left[i].equals(right[i])) {
                return i + 1;
            }
        }
        return Math.min(left.length, right.length) + 1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
