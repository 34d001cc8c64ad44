package cn.shuangcheng.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher against a real child JVM: a tiny "service" compiled and packed into a jar here, which answers its
 * readiness probe on the port it is given, or exits at once when told to.
 */
class ChildJvmTest {

    private static final String SERVICE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            public class TinyService {
                public static void main(String[] args) throws Exception {
                    if (System.getenv("FAIL_AT_START") != null) {
                        System.out.println("refusing to start: " + System.getenv("FAIL_AT_START"));
                        System.exit(3);
                    }
                    HttpServer server = HttpServer.create(
                            new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
                    server.createContext("/ready", exchange -> {
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    server.start();
                    System.out.println("started with " + String.join(" ", args));
                }
            }
            """;

    @TempDir
    static Path work;
    private static Path jar;

    @BeforeAll
    static void packTheTinyService() throws IOException {
        Path source = work.resolve("TinyService.java");
        Files.writeString(source, SERVICE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", work.toString(), source.toString())).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "TinyService");
        jar = work.resolve("tiny-service.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(out, manifest)) {
            packed.putNextEntry(new JarEntry("TinyService.class"));
            packed.write(Files.readAllBytes(work.resolve("TinyService.class")));
            packed.closeEntry();
        }
    }

    @Test
    void a_started_child_is_ready_survives_a_pause_and_ends_with_sigkill() throws Exception {
        int port = ChildJvm.freePort();
        Path log = work.resolve("logs/ready.log");
        URI readiness = URI.create("http://127.0.0.1:" + port + "/ready");
        try (ChildJvm child = ChildJvm.of("tiny", jar).jvmOptions(List.of("-Xmx32m")).arguments(List.of("--hello"))
                .environment(Map.of("PORT", Integer.toString(port))).log(log).start()) {
            child.awaitReady(readiness, Duration.ofSeconds(60));
            assertThat(child.logLines()).contains("started with --hello");

            child.pause();
            assertThat(child.isAlive()).isTrue();
            // a stopped JVM answers nothing: the probe times out
            assertThatThrownBy(() -> child.isReady(readiness)).isInstanceOf(IOException.class);
            child.resume();
            assertThat(child.isReady(readiness)).isTrue();

            child.kill();
            assertThat(child.isAlive()).isFalse();
            assertThat(child.onExit().get(10, TimeUnit.SECONDS)).isNotZero();
        }
    }

    @Test
    void a_graceful_stop_ends_the_child_with_sigterm() throws Exception {
        int port = ChildJvm.freePort();
        ChildJvm child = ChildJvm.of("tiny", jar).environment(Map.of("PORT", Integer.toString(port)))
                .log(work.resolve("logs/stopped.log")).start();
        child.awaitReady(URI.create("http://127.0.0.1:" + port + "/ready"), Duration.ofSeconds(60));

        child.stop(Duration.ofSeconds(30));

        assertThat(child.isAlive()).isFalse();
        assertThat(child.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 15); // ended by SIGTERM, not SIGKILL
    }

    @Test
    void a_child_that_exits_fails_the_wait_at_once_with_the_end_of_its_log() throws Exception {
        Path log = work.resolve("logs/failing.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "an earlier run\n", StandardCharsets.UTF_8);
        ChildJvm child = ChildJvm.of("tiny", jar).environment(Map.of("FAIL_AT_START", "no database"))
                .log(log).appendLog(true).start();
        long started = System.nanoTime();

        assertThatThrownBy(() -> child.awaitReady(URI.create("http://127.0.0.1:" + ChildJvm.freePort() + "/ready"),
                Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tiny exited with code 3")
                .hasMessageContaining("refusing to start: no database");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
        assertThat(child.logLines()).first().isEqualTo("an earlier run");
    }

    @Test
    void a_missing_jar_is_refused_before_anything_starts() {
        assertThatThrownBy(() -> ChildJvm.of("ghost", work.resolve("none.jar")).log(work.resolve("ghost.log")).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost: no jar at");
    }
}
