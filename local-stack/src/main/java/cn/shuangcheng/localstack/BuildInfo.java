package cn.shuangcheng.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this launcher was built with: the services' jars of the same build carry it in their names. */
final class BuildInfo {

    private BuildInfo() {
    }

    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/local-stack.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("local-stack.properties is missing from the launcher", e));
        }
    }
}
