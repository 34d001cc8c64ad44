package cn.shuangcheng.support.eventstore;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Axon's {@code MicrometerMetricsAutoConfiguration} out of every service that uses this module.
 * <p>
 * On Boot 4 it runs before Boot's metrics auto-configuration and registers its own {@code SimpleMeterRegistry}, so
 * Axon's meters miss the Prometheus registry. {@link AxonMetricsAutoConfiguration} wires Axon's metrics onto Boot's
 * registry instead. An import filter (registered in {@code META-INF/spring.factories}) is used rather than adding to
 * {@code spring.autoconfigure.exclude}, because a service setting that property itself would silently replace our
 * value (lists from different property sources are not merged).
 */
public final class AxonMicrometerAutoConfigurationFilter implements AutoConfigurationImportFilter {

    static final String AXON_MICROMETER_AUTO_CONFIGURATION =
            "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !AXON_MICROMETER_AUTO_CONFIGURATION.equals(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
