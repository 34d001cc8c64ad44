package cn.shuangcheng.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own tools from Debian's packages: {@code prometheus} (prometheus, promtool) and
 * {@code prometheus-blackbox-exporter}, which ./test.sh installs, and kubectl 1.27 or later, which it cannot; without them these checks fail rather than skip.
 */
final class Tools {

    private Tools() {
    }

    static Path promtool() {
        return find("promtool", "prometheus");
    }

    static Path prometheus() {
        return find("prometheus", "prometheus");
    }

    static Path blackboxExporter() {
        return find("prometheus-blackbox-exporter", "prometheus-blackbox-exporter");
    }

    /** kubectl with kustomize v5 (Kubernetes 1.27 or later): Debian's kubernetes-client (1.20) is too old. */
    static Path kubectl() {
        Path kubectl;
        try {
            kubectl = find("kubectl", "kubernetes-client");
        } catch (AssertionError e) {
            throw new AssertionError("kubectl is not installed: install kubectl 1.27 or later (kustomize v5) from "
                    + "kubernetes.io; Debian's kubernetes-client (1.20) is too old for these manifests");
        }
        Result version = run(List.of(kubectl.toString(), "version", "--client"), Path.of("."), null, 30);
        if (!version.output().contains("Kustomize Version: v5")) {
            throw new AssertionError(kubectl + " has no kustomize v5 (" + version.output().strip() + "): install "
                    + "kubectl 1.27 or later from kubernetes.io; Debian's kubernetes-client (1.20) is too old");
        }
        return kubectl;
    }

    private static Path find(String command, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/local/bin");
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(command + " is not installed: run ./test.sh (it installs Debian's " + debianPackage
                + " package), or apt-get install -y " + debianPackage);
    }

    /** What a finished command printed. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}), feeding it {@code stdin} when not null. */
    static Result run(List<String> command, Path workingDirectory, String stdin, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try (var input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
