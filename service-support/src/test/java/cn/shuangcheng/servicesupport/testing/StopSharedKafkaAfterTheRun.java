package cn.shuangcheng.servicesupport.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link SharedKafka} broker when the test run ends, while the JVM is still fully up (registered through
 * {@code META-INF/services}, so every module that uses this test-jar gets it). See {@link SharedKafka#stop()} for why
 * a shutdown hook is too late.
 */
public final class StopSharedKafkaAfterTheRun implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedKafka.stop();
    }
}
