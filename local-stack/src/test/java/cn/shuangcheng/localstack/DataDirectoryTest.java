package cn.shuangcheng.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void fresh_empties_a_directory_the_launcher_made_and_keeps_it_otherwise() throws IOException {
        Path root = temp.resolve("local-data");
        DataDirectory data = DataDirectory.prepare(root, false);
        Files.createDirectories(data.kafka());
        Files.writeString(data.kafka().resolve("meta.properties"), "cluster");

        DataDirectory.prepare(root, false);
        assertThat(data.kafka().resolve("meta.properties")).exists();

        DataDirectory.prepare(root, true);
        assertThat(data.kafka()).doesNotExist();
        assertThat(root.resolve(DataDirectory.MARKER)).exists();
    }

    @Test
    void a_directory_that_is_not_a_local_stack_data_directory_is_never_deleted_or_used() throws IOException {
        Path home = temp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> DataDirectory.prepare(home, true)).hasMessageContaining("not a local-stack");
        assertThatThrownBy(() -> DataDirectory.prepare(home, false)).hasMessageContaining("not a local-stack");
        assertThat(home.resolve("thesis.tex")).hasContent("years of work");
    }
}
