package cn.shuangcheng.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The schema files as they sit in the source tree, so tests notice a file nothing else mentions. */
final class SchemaFiles {

    static final Path RESOURCES = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/main/resources").toAbsolutePath();
    static final Path SCHEMAS = RESOURCES.resolve("schemas");

    private SchemaFiles() {
    }

    /** Every schema file, relative to the resources root, e.g. {@code schemas/project/ProjectListed.v1.json}. */
    static List<String> all() {
        try (Stream<Path> files = Files.walk(SCHEMAS)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> RESOURCES.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> eventNames(String context) {
        String prefix = "schemas/" + context + "/";
        return all().stream().filter(f -> f.startsWith(prefix))
                .map(f -> f.substring(prefix.length(), f.indexOf(".v")))
                .toList();
    }
}
