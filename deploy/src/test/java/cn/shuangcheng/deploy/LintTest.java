package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LintTest {

    @Test
    void librariesNamesAreToleratedOursAreNot() {
        assertThat(Lint.tolerated("commandBus_allTimer_seconds label names should be written in 'snake_case' not 'camelCase'")).isTrue();
        assertThat(Lint.tolerated("http_server_requests_seconds no help text")).isTrue();
        assertThat(Lint.tolerated("system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix")).isTrue();

        assertThat(Lint.tolerated("kafka_producer_io_time_ns_total metric names should not contain abbreviated units")).isTrue();
        assertThat(Lint.tolerated("kafka_consumer_connection_count non-histogram and non-summary metrics should not have \"_count\" suffix")).isTrue();

        assertThat(Lint.tolerated("shuangcheng_events_published_total no help text")).isFalse();
        assertThat(Lint.tolerated("shuangcheng_reporting_projectsCount metric names should be written in 'snake_case' not 'camelCase'")).isFalse();
        assertThat(Lint.tolerated("my_thing_count non-histogram and non-summary metrics should not have \"_count\" suffix")).isFalse();
        assertThat(Lint.tolerated("queue_size counter metrics should have \"_total\" suffix")).isFalse();
        assertThat(Lint.tolerated("error while linting: text format parsing error in line 3")).isFalse();
    }
}
