package cn.shuangcheng.servicesupport.eventstore;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps two of Axon's auto-configurations out of every service that uses this module.
 * <p>
 * {@code UpdateCheckerAutoConfiguration} reports usage to AxonIQ over the internet at start-up: a government
 * backend does not call out to a vendor, and its machines have no route there anyway.
 * <p>
 * On Boot 4 it runs before Boot's metrics auto-configuration and registers its own {@code SimpleMeterRegistry}, so
 * Axon's meters miss the Prometheus registry. {@link AxonMetricsAutoConfiguration} wires Axon's metrics onto Boot's
 * registry instead. An import filter (registered in {@code META-INF/spring.factories}) is used rather than adding to
 * {@code spring.autoconfigure.exclude}, because a service setting that property itself would silently replace our
 * value (lists from different property sources are not merged).
 */
public final class AxonAutoConfigurationFilter implements AutoConfigurationImportFilter {

    static final String AXON_MICROMETER_AUTO_CONFIGURATION =
            "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration";

    static final String AXON_UPDATE_CHECKER_AUTO_CONFIGURATION =
            "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration";

    private static final java.util.Set<String> EXCLUDED =
            java.util.Set.of(AXON_MICROMETER_AUTO_CONFIGURATION, AXON_UPDATE_CHECKER_AUTO_CONFIGURATION);

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            // earlier filters leave null where they removed a class; Set.of does not accept null lookups
            matches[i] = autoConfigurationClasses[i] == null || !EXCLUDED.contains(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
