package cn.shuangcheng.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One package belongs to one module: a package name then says where its classes live, and no two jars put classes
 * into the same package (a split package, which the module system refuses and which makes every reader guess). Main
 * and test sources both count: test-jars are shared between modules too.
 */
class ModulePackagesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    @Test
    void no_package_is_declared_in_two_modules() {
        Path root = DeployFiles.root();
        Map<String, Set<String>> modulesByPackage = new TreeMap<>();
        for (Path file : RepositoryFiles.list(root)) {
            Path relative = root.relativize(file);
            if (!file.toString().endsWith(".java") || relative.getNameCount() < 2 || !Files.isRegularFile(file)) {
                continue;
            }
            Matcher declared = PACKAGE.matcher(read(file));
            if (declared.find()) {
                modulesByPackage.computeIfAbsent(declared.group(1), p -> new TreeSet<>())
                        .add(relative.getName(0).toString());
            }
        }
        assertThat(modulesByPackage).as("packages of the repository's Java sources").isNotEmpty()
                .containsKeys("cn.shuangcheng.kernel", "cn.shuangcheng.support.web",
                        "cn.shuangcheng.servicesupport.eventstore");
        Map<String, Set<String>> split = new TreeMap<>(modulesByPackage);
        split.values().removeIf(modules -> modules.size() < 2);
        assertThat(split).as("packages declared in more than one module").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
