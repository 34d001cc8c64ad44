package cn.shuangcheng.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local stack's data directory: Kafka's log directory, the MongoDB stand-in's H2 file, the token signing key and
 * the logs. A marker file says the directory is ours, so that {@code --fresh} deletes only a directory this launcher
 * made (never, say, a home directory given by mistake as {@code --data-dir}).
 */
public record DataDirectory(Path root) {

    static final String MARKER = ".shuangcheng-local-stack";

    public static DataDirectory prepare(Path root, boolean fresh) throws IOException {
        if (fresh && Files.exists(root)) {
            if (!Files.exists(root.resolve(MARKER)) && !isEmpty(root)) {
                throw new IOException("--fresh would delete " + root + ", which is not a local-stack data directory "
                        + "(it has no " + MARKER + " file); delete it yourself or choose another --data-dir");
            }
            deleteRecursively(root);
        }
        Files.createDirectories(root);
        if (!Files.exists(root.resolve(MARKER))) {
            if (!isEmpty(root)) {
                throw new IOException(root + " is not empty and not a local-stack data directory; choose another "
                        + "--data-dir");
            }
            Files.writeString(root.resolve(MARKER), "Data of the Shuangcheng local stack; --fresh deletes it.\n");
        }
        return new DataDirectory(root);
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path mongoStore() {
        return root.resolve("mongo").resolve("shuangcheng.mv");
    }

    public Path signingKey() {
        return root.resolve("auth").resolve("signing-key.jwk.json");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
