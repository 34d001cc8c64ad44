package cn.shuangcheng.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The files that make up the repository, for the tests that check it as a whole. */
final class RepositoryFiles {

    /** Directories that are not the repository's content, for the walk without git: build output, data, tools. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "local-data", ".idea", ".vscode",
            "node_modules");

    private RepositoryFiles() {
    }

    /**
     * What git tracks plus what it would track (untracked and not ignored), so that build output, local data and
     * editor files never count whatever their folder is called. Without git (a source archive) the tree is walked,
     * skipping the usual build and tool folders.
     */
    static List<Path> list(Path root) {
        return gitFiles(root).orElseGet(() -> walkedFiles(root));
    }

    private static Optional<List<Path>> gitFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() != 0) {
                return Optional.empty();
            }
            List<Path> files = new ArrayList<>();
            for (String path : listing.split("\0")) {
                if (!path.isEmpty()) {
                    files.add(root.resolve(path));
                }
            }
            return Optional.of(files);
        } catch (IOException e) {
            return Optional.empty(); // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> walkedFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    // a worktree's .git is a file naming the main clone's directory: git's, not the repository's
                    if (!file.getFileName().toString().equals(".git")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Text: no NUL byte (a binary file has them; jars, images and databases are not read). */
}
