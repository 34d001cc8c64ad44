package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void readsMetricNamesButNotFunctionsKeywordsOrLabels() {
        PromQl.Reads reads = PromQl.reads("""
                sum by (application) (rate(http_server_requests_seconds_count{outcome="SERVER_ERROR", uri!~"/actuator.*"}[5m]))
                /
                sum without (instance) (rate(http_server_requests_seconds_count[5m])) > 0.05
                and on (application) group_left (version) build_info offset 10m unless absent(up{job='x'}) or vector(1e3) + 2 * bool foo:bar_rate5m
                """);
        assertThat(reads.metricNames()).containsExactly(
                "http_server_requests_seconds_count", "build_info", "up", "foo:bar_rate5m");
        assertThat(reads.groupingLabels()).containsExactlyInAnyOrder("application", "instance", "version");
        assertThat(reads.selectors().get(0).matcher("outcome")).isEqualTo("=SERVER_ERROR");
        assertThat(reads.selectors().get(0).matcher("uri")).isEqualTo("!~/actuator.*");
        assertThat(reads.selectors().get(3).name()).isEqualTo("up");
        assertThat(reads.selectors().get(3).matcher("job")).isEqualTo("=x");
    }

    @Test
    void aggregationClausesAfterTheExpressionAndNestedOnes() {
        PromQl.Reads reads = PromQl.reads(
                "histogram_quantile(0.95, sum(rate(a_bucket{l=\"{,}\"}[5m:1m])) by (le, application)) - max by(topic, partition)(b)");
        assertThat(reads.metricNames()).containsExactly("a_bucket", "b");
        assertThat(reads.groupingLabels()).containsExactly("le", "application", "topic", "partition");
        assertThat(reads.selectors().get(0).matcher("l")).isEqualTo("={,}");
    }

    @Test
    void nameMatcherSelectorsAndSpaces() {
        PromQl.Reads reads = PromQl.reads("count({__name__=\"jvm_threads_live_threads\"}) + count(x {a=\"1\"}) + count({__name__=~\"jvm.*\"})");
        assertThat(reads.metricNames()).containsExactly("jvm_threads_live_threads", "x");
        assertThat(reads.selectors().get(1).matcher("a")).isEqualTo("=1");
        assertThat(reads.selectors()).hasSize(3);
    }

    @Test
    void stringsArgumentsAreNotNames() {
        PromQl.Reads reads = PromQl.reads(
                "label_replace(topk(5, sum by (type) (increase(shuangcheng_events_published_total[1h]))), \"short\", \"$1\", \"type\", \"shuangcheng\\\\.(.*)\")");
        assertThat(reads.metricNames()).containsExactly("shuangcheng_events_published_total");
    }

    @Test
    void grafanaVariablesBecomeValuesPrometheusAccepts() {
        String expression = PromQl.fromGrafana(
                "sum by (application) (rate(http_server_requests_seconds_count{application=~\"$application\", instance=~\"${instance:regex}\"}[$__rate_interval]))");
        assertThat(expression).isEqualTo(
                "sum by (application) (rate(http_server_requests_seconds_count{application=~\".*\", instance=~\".*\"}[5m]))");
        assertThat(PromQl.reads(expression).metricNames()).containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void templateQueries() {
        assertThat(PromQl.fromTemplateQuery("label_values(jvm_info{job=\"shuangcheng\"}, application)"))
                .isEqualTo("jvm_info{job=\"shuangcheng\"}");
        assertThat(PromQl.fromTemplateQuery("label_values(application)")).isNull();
        assertThat(PromQl.fromTemplateQuery("query_result(up == 1)")).isEqualTo("up == 1");
        assertThat(PromQl.fromTemplateQuery("metrics(jvm_.*)")).isNull();
    }

    @Test
    void unreadableMatchersAreAnError() {
        assertThatThrownBy(() -> PromQl.reads("x{a=b}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(PromQl.reads("x{}").selectors().get(0).name())).containsExactly("x");
    }
}
