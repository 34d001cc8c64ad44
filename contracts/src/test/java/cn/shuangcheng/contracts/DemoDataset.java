package cn.shuangcheng.contracts;

import java.nio.file.Files;
import java.nio.file.Path;

/** The demo data in the repository: {@code <repo>/demo-data/demo-dataset.json}. */
public final class DemoDataset {

    private DemoDataset() {
    }

    public static Path path() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path repoRoot = Files.isRegularFile(module.resolve("contracts/pom.xml")) ? module : module.getParent();
        return repoRoot.resolve("demo-data/demo-dataset.json").normalize();
    }
}
