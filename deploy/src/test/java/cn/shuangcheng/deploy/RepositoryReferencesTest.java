package cn.shuangcheng.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands on its own: no text file cites a file a clone does not have, and every relative link of the
 * README and of docs/ leads to a file (and heading) of the repository. A clone is what partners and new engineers
 * get; a reference to a document that lives only beside the repository (a shared folder, a planning note) is a dead
 * end for them. docs/ holds the contract and the design as built.
 */
class RepositoryReferencesTest {

    /** Fragments of paths outside the repository (built from parts, so that this file does not name them itself). */
    private static final List<String> OUTSIDE_PATHS = List.of(".." + "/shared", "/" + "work/", "STACK" + "-NOTES");

    /** A Markdown file named in passing: {@code deploy/README.md}, {@code SOURCES.md}. */
    private static final Pattern MARKDOWN_NAME = Pattern.compile("(?<![\\w./-])((?:[\\w.-]+/)*[\\w-]+\\.md)\\b");
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://\\S+");
    /** {@code [text](target)} and {@code ![alt](target)} of Markdown. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    @Test
    void no_text_file_cites_a_path_outside_the_repository() {
        Path root = DeployFiles.root();
        Set<String> markdownNames = new TreeSet<>();
        List<Path> files = textFiles(root);
        files.stream().filter(f -> f.toString().endsWith(".md")).forEach(f -> markdownNames.add(name(f)));
        TreeMap<String, List<String>> offences = new TreeMap<>();
        for (Path file : files) {
            String text = URL.matcher(read(file)).replaceAll(" ");
            String relative = root.relativize(file).toString();
            for (String outside : OUTSIDE_PATHS) {
                if (text.contains(outside)) {
                    offences.computeIfAbsent(relative, k -> new ArrayList<>()).add(outside);
                }
            }
            Matcher named = MARKDOWN_NAME.matcher(text);
            while (named.find()) {
                String cited = named.group(1);
                boolean exists = cited.contains("/")
                        ? Files.isRegularFile(root.resolve(cited)) || Files.isRegularFile(file.resolveSibling(cited))
                        : markdownNames.contains(cited);
                if (!exists) {
                    offences.computeIfAbsent(relative, k -> new ArrayList<>()).add(cited);
                }
            }
        }
        assertThat(offences).as("files citing a path or document the repository does not have (cite docs/ instead)")
                .isEmpty();
    }

    @Test
    void every_relative_link_of_the_readme_and_the_docs_resolves_in_the_repository() throws IOException {
        Path root = DeployFiles.root();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (var docs = Files.list(root.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertThat(documents).as("docs/ holds the API guide, events, architecture and data sources")
                .extracting(RepositoryReferencesTest::name)
                .contains("api-guide.md", "events.md", "architecture.md", "data-sources.md");
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(read(document));
            while (link.find()) {
                String target = link.group(1);
                if (URL.matcher(target).matches() || target.startsWith("mailto:")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? document : document.resolveSibling(path).normalize();
                String where = root.relativize(document) + " -> " + target;
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    broken.add(where + " (no such file in the repository)");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(read(resolved)).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void a_link_to_a_heading_uses_the_anchor_github_gives_it() {
        Set<String> anchors = anchors("""
                # Event catalogue
                ## Intake batches: leases with fencing
                ```
                # not a heading: inside a code block
                ```
                ### `ce_id`, the event's id — 事件
                """);

        assertThat(anchors).containsExactlyInAnyOrder("event-catalogue", "intake-batches-leases-with-fencing",
                "ce_id-the-events-id--事件");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = HEADING.matcher(markdown.replaceAll("(?ms)^```.*?^```", ""));
        while (heading.find()) {
            String text = heading.group(1).replaceAll("`", "").toLowerCase(java.util.Locale.ROOT);
            anchors.add(text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    /** The repository's text files (see {@link RepositoryFiles#list}), logs left out. */
    private static List<Path> textFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (Path file : RepositoryFiles.list(root)) {
            if (Files.isRegularFile(file) && !name(file).endsWith(".log") && isText(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static boolean isText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
