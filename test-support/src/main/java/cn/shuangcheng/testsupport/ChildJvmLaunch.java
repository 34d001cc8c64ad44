package cn.shuangcheng.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one {@link ChildJvm} is started, from {@link ChildJvm#of}; {@link #start()} starts it (again, for a restart, with
 * {@link #appendLog}).
 */
public final class ChildJvmLaunch {
    private final String name;
    private final Path jar;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path log;
    private boolean appendLog;
    private Path directory;

    ChildJvmLaunch(String name, Path jar) {
        this.name = name;
        this.jar = jar;
    }

    public ChildJvmLaunch jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public ChildJvmLaunch arguments(List<String> args) {
        arguments.addAll(args);
        return this;
    }

    public ChildJvmLaunch environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Where the console goes; overwritten unless {@link #appendLog}. */
    public ChildJvmLaunch log(Path file) {
        this.log = file;
        return this;
    }

    /** The output goes after what the file holds, under a line that says what was started. */
    public ChildJvmLaunch appendLog(boolean append) {
        this.appendLog = append;
        return this;
    }

    /** The working directory; the caller's when not set. */
    public ChildJvmLaunch directory(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    public ChildJvm start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no jar at " + jar + " (package the build first)");
        }
        if (log == null) {
            throw new IllegalStateException(name + ": no log file given");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        if (appendLog) {
            Files.writeString(log, System.lineSeparator() + "=== starting " + name + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return new ChildJvm(name, builder.start(), log);
    }
}
