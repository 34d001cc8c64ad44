package cn.shuangcheng.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    private static final Path REPO = Path.of("/srv/shuangcheng");

    @Test
    void defaults_are_the_documented_ports_and_places_beside_the_repository() {
        StackOptions options = StackOptions.parse(new String[0], Map.of(), REPO);

        assertThat(options.ports()).isEqualTo(new StackOptions.Ports(9092, 9093, 27017, 9000, 8081, 9081, 8082, 9082,
                8083, 9083));
        assertThat(options.dataDir()).isEqualTo(REPO.resolve("local-data"));
        assertThat(options.demoData()).isEqualTo(REPO.resolve("demo-data/demo-dataset.json"));
        assertThat(options.fresh()).isFalse();
        assertThat(options.loadDemoData()).isTrue();
        assertThat(options.startDeadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(options.serviceJar("cadre-service", "1.2.3"))
                .isEqualTo(REPO.resolve("cadre-service/target/cadre-service-1.2.3.jar"));
    }

    @Test
    void an_option_wins_over_the_environment_which_wins_over_the_default() {
        StackOptions options = StackOptions.parse(new String[] {"--project-port=18081", "--fresh", "--no-demo-data"},
                Map.of("PROJECT_SERVICE_PORT", "28081", "CADRE_SERVICE_PORT", "28082"), REPO);

        assertThat(options.ports().projectService()).isEqualTo(18081);
        assertThat(options.ports().cadreService()).isEqualTo(28082);
        assertThat(options.ports().reportingService()).isEqualTo(8083);
        assertThat(options.fresh()).isTrue();
        assertThat(options.loadDemoData()).isFalse();
        assertThat(options.restartOnFailure()).as("off unless asked").isFalse();
        assertThat(StackOptions.parse(new String[] {"--restart-on-failure"}, Map.of(), REPO).restartOnFailure())
                .isTrue();
        assertThat(options.kafkaSasl()).as("plain Kafka unless asked").isFalse();
        assertThat(StackOptions.parse(new String[] {"--kafka-sasl"}, Map.of(), REPO).kafkaSasl()).isTrue();
    }

    @Test
    void port_zero_becomes_a_free_port_and_others_stay() {
        StackOptions.Ports ports = StackOptions.parse(new String[] {"--kafka-port=0"}, Map.of(), REPO).ports()
                .resolved();

        assertThat(ports.kafka()).isPositive().isNotEqualTo(9092);
        assertThat(ports.mongo()).isEqualTo(27017);
    }

    /** Ten ports of one stack, all asked for at once: no two services may be given the same one. */
    @Test
    void ports_of_zero_become_ten_different_free_ports() {
        StackOptions.Ports ports = new StackOptions.Ports(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).resolved();

        Set<Integer> distinct = new HashSet<>(List.of(ports.kafka(), ports.kafkaController(), ports.mongo(),
                ports.auth(), ports.projectService(), ports.projectManagement(), ports.cadreService(),
                ports.cadreManagement(), ports.reportingService(), ports.reportingManagement()));
        assertThat(distinct).hasSize(10).doesNotContain(0);
    }

    @Test
    void unknown_options_and_bad_values_are_refused_with_a_message() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--kafka=1"}, Map.of(), REPO))
                .isInstanceOf(StackOptions.UsageException.class).hasMessageContaining("--kafka");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--mongo-port=lots"}, Map.of(), REPO))
                .isInstanceOf(StackOptions.UsageException.class).hasMessageContaining("--mongo-port");
        assertThatThrownBy(() -> StackOptions.parse(new String[0], Map.of("AUTH_PORT", "70000"), REPO))
                .isInstanceOf(StackOptions.UsageException.class).hasMessageContaining("--auth-port");
        assertThat(StackOptions.usage()).contains("--fresh", "--data-dir", "KAFKA_PORT", "9092");
    }
}
