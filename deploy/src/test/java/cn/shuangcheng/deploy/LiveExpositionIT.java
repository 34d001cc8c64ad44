package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.support.testing.TestTokens;

/**
 * The three services from their packaged jars, with some traffic (a project proposed, listed, started and its
 * investment recorded; a cadre batch; an unreadable record and an event after a sequence gap on the project topic),
 * then: their expositions linted by promtool, every name and label the alert rules and dashboards query found in
 * the expositions of the services that should expose it, deploy/METRICS.md's catalogue found there too; and a real
 * Prometheus with deploy's scrape config and rules, and a blackbox exporter, against them: every target up, every
 * readiness probe passing, every rule evaluated without error, every dashboard query accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveExpositionIT {

    /** Names that come from Prometheus or its exporters, not from the services; checked on the real Prometheus. */
    static final Map<String, String> EXTERNAL = Map.of(
            "up", "Prometheus, per scrape target",
            "probe_success", "the blackbox exporter (job shuangcheng-readiness)",
            "ALERTS", "Prometheus, per pending or firing alert");

    /** Labels Prometheus adds to every series at scrape time. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    private static final Duration METRICS_DEADLINE = Duration.ofMinutes(2);
    private static final Duration PROMETHEUS_DEADLINE = Duration.ofMinutes(2);
    private static final Duration PROMETHEUS_POLL = Duration.ofMillis(500);

    private LiveServices services;
    private final Map<String, Exposition> expositions = new LinkedHashMap<>();
    private PrometheusRun prometheus;

    @BeforeAll
    void startServicesAndMakeTraffic() throws Exception {
        services = LiveServices.start();
        makeTraffic();
        // Counters with tags appear with their first increment: wait (with a deadline) until every name the rules
        // and dashboards query shows up, then keep the last scrape for the assertions, whatever it holds.
        try {
            Waiting.polling("every queried name exposed", METRICS_DEADLINE, Duration.ofSeconds(1)).until(() -> {
                for (String service : LiveServices.SERVICES) {
                    expositions.put(service, new Exposition(service, services.scrape(service)));
                }
                return missingNames().isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // not a failure here: everyNameTheRulesAndDashboardsQueryIsExposedWhereItShouldBe lists what is missing
        }
        for (Exposition exposition : expositions.values()) {
            // kept for a look when a check fails
            java.nio.file.Files.writeString(DeployFiles.deploy("target/live-services/" + exposition.service + ".prom"),
                    exposition.text);
        }
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (services != null) {
            services.close();
        }
    }

    // ---------------------------------------------------------------- the services' expositions

    @Test
    void promtoolFindsTheExpositionsWellFormedAndLintsOnlyWhatTheLibrariesName() {
        List<String> problems = new ArrayList<>();
        for (Exposition exposition : expositions.values()) {
            Tools.Result result = Tools.run(List.of(Tools.promtool().toString(), "check", "metrics"),
                    DeployFiles.deploy(), exposition.text, 60);
            // 0: clean; 3: lint findings (listed one per line); anything else: the exposition could not be parsed.
            assertThat(result.exitCode()).as(exposition.service + ": " + result.output()).isIn(0, 3);
            for (String line : result.output().split("\n")) {
                if (!line.isBlank() && !Lint.tolerated(line)) {
                    problems.add(exposition.service + ": " + line.strip());
                }
            }
        }
        assertThat(problems).as("promtool check metrics findings not tolerated by Lint").isEmpty();
    }

    @Test
    void everyNameTheRulesAndDashboardsQueryIsExposedWhereItShouldBe() {
        assertThat(missingNames()).as("queried but not exposed").isEmpty();
    }

    @Test
    void everyLabelTheRulesAndDashboardsMatchOrGroupByExistsOnTheirMetrics() {
        List<String> problems = new ArrayList<>();
        for (Queries.Query query : Queries.all()) {
            PromQl.Reads reads = query.reads();
            Set<String> available = new TreeSet<>(TARGET_LABELS);
            for (PromQl.Selector selector : reads.selectors()) {
                if (selector.name() == null || EXTERNAL.containsKey(selector.name())) {
                    continue;
                }
                Set<String> labels = labelsOf(selector.name());
                available.addAll(labels);
                for (String label : selector.matchers().keySet()) {
                    if (!label.equals("__name__") && !TARGET_LABELS.contains(label) && !labels.contains(label)) {
                        problems.add(query.source() + ": " + selector.name() + " has no label " + label + " (it has " + labels + ")");
                    }
                }
            }
            for (String label : reads.groupingLabels()) {
                if (!available.contains(label)) {
                    problems.add(query.source() + ": groups by " + label + ", which none of " + reads.metricNames() + " has");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCatalogueInMetricsMdIsExposedByItsServicesAndShownByARuleOrDashboard() {
        Set<String> queried = new LinkedHashSet<>();
        Queries.all().forEach(q -> queried.addAll(q.reads().metricNames()));
        List<String> problems = new ArrayList<>();
        Queries.catalogue().forEach((name, where) -> {
            for (String service : where) {
                if (!expositions.containsKey(service)) {
                    problems.add(name + ": METRICS.md names an unknown service " + service);
                } else if (!expositions.get(service).has(name)) {
                    problems.add(name + " is not exposed by " + service);
                }
            }
            if (!queried.contains(name)) {
                problems.add(name + " is in METRICS.md but no rule or dashboard shows it");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceTagsItsSeriesWithItsApplicationName() {
        for (Exposition exposition : expositions.values()) {
            assertThat(exposition.text).contains("application=\"" + exposition.service + "\"");
            assertThat(exposition.labels("jvm_memory_used_bytes")).contains("application");
        }
    }

    // ---------------------------------------------------------------- a real Prometheus with deploy's config

    @Test
    void aRealPrometheusWithDeploysScrapeConfigSeesEveryTargetUpAndEveryServiceReady() {
        PrometheusRun run = prometheus();
        JsonNode[] targets = new JsonNode[1];
        Waiting.until("every target up", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            targets[0] = run.api("/api/v1/targets", Map.of("state", "active")).path("activeTargets");
            if (targets[0].size() < 6) {
                return false;
            }
            for (JsonNode target : targets[0]) {
                if (!"up".equals(target.path("health").asText())) {
                    return false;
                }
            }
            return true;
        }, () -> targets[0] == null ? "no answer" : targets[0].toString());
        Map<String, Set<String>> instancesByJob = new LinkedHashMap<>();
        for (JsonNode target : targets[0]) {
            instancesByJob.computeIfAbsent(target.path("labels").path("job").asText(), j -> new TreeSet<>())
                    .add(target.path("scrapeUrl").asText());
        }
        assertThat(instancesByJob.keySet()).containsExactlyInAnyOrder("shuangcheng", "shuangcheng-readiness");
        int i = 0;
        for (String service : LiveServices.SERVICES) {
            String configured = service + ":" + (9081 + i++);
            assertThat(instancesByJob.get("shuangcheng")).contains("http://" + run.address(configured) + "/actuator/prometheus");
        }
        // Up means the exporter answered; probe_success says whether the readiness endpoint answered 200.
        JsonNode[] probes = new JsonNode[1];
        Waiting.until("probe_success 1 for the three readiness endpoints", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            probes[0] = run.api("/api/v1/query", Map.of("query", "probe_success{job=\"shuangcheng-readiness\"} == 1"))
                    .path("result");
            return probes[0].size() == 3;
        }, () -> String.valueOf(probes[0]));
        JsonNode applications = run.api("/api/v1/query", Map.of("query", "count by (application) (up{job=\"shuangcheng\"} * on (instance) group_left (application) jvm_info)")).path("result");
        Set<String> seen = new TreeSet<>();
        applications.forEach(r -> seen.add(r.path("metric").path("application").asText()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(LiveServices.SERVICES);
    }

    @Test
    void theRealPrometheusEvaluatesEveryRuleWithoutError() {
        PrometheusRun run = prometheus();
        int rules = Queries.rules().size();
        JsonNode[] groups = new JsonNode[1];
        Waiting.until("every rule evaluated", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            groups[0] = run.api("/api/v1/rules", Map.of()).path("groups");
            int evaluated = 0;
            for (JsonNode group : groups[0]) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.path("lastEvaluation").asText().startsWith("0001")) {
                        evaluated++;
                    }
                }
            }
            return evaluated == rules;
        }, () -> String.valueOf(groups[0]));
        List<String> unhealthy = new ArrayList<>();
        for (JsonNode group : groups[0]) {
            for (JsonNode rule : group.path("rules")) {
                if (!"ok".equals(rule.path("health").asText())) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                }
            }
        }
        assertThat(unhealthy).isEmpty();
    }

    @Test
    void theRealPrometheusFiresTheDeadLetterAndGapAlertsForTheRecordsSentAndNothingCritical() {
        PrometheusRun run = prometheus();
        JsonNode[] firing = new JsonNode[1];
        Waiting.until("ShuangchengDeadLetters and ShuangchengSequenceGaps firing", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            firing[0] = run.api("/api/v1/query", Map.of("query",
                    "ALERTS{alertstate=\"firing\", alertname=~\"ShuangchengDeadLetters|ShuangchengSequenceGaps\"}")).path("result");
            Set<String> names = new TreeSet<>();
            firing[0].forEach(a -> names.add(a.path("metric").path("alertname").asText()));
            return names.size() == 2;
        }, () -> String.valueOf(firing[0]));
        assertThat(run.api("/api/v1/query", Map.of("query", "ALERTS{severity=\"critical\"}")).path("result"))
                .as("critical alerts pending or firing on a healthy stack").isEmpty();
    }

    @Test
    void theRealPrometheusAcceptsEveryDashboardQuery() {
        PrometheusRun run = prometheus();
        List<String> failures = new ArrayList<>();
        for (Queries.Query query : Queries.dashboards()) {
            try {
                run.api("/api/v1/query", Map.of("query", query.promql()));
            } catch (AssertionError e) {
                failures.add(query.source() + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(Queries.dashboards()).hasSizeGreaterThan(10);
    }

    // ---------------------------------------------------------------- helpers

    /** Queried names missing from the services that should expose them. */
    private List<String> missingNames() {
        Map<String, Set<String>> catalogue = Queries.catalogue();
        List<String> missing = new ArrayList<>();
        for (Queries.Query query : Queries.all()) {
            for (PromQl.Selector selector : query.reads().selectors()) {
                String name = selector.name();
                if (name == null || EXTERNAL.containsKey(name)) {
                    continue;
                }
                Set<String> where = servicesFor(selector, catalogue);
                if (where.isEmpty()) {
                    if (expositions.values().stream().noneMatch(e -> e.has(name))) {
                        missing.add(name + " (" + query.source() + ") is exposed by no service");
                    }
                } else {
                    for (String service : where) {
                        if (!expositions.get(service).has(name)) {
                            missing.add(name + " (" + query.source() + ") is not exposed by " + service);
                        }
                    }
                }
            }
        }
        return missing;
    }

    /** The services a selector reads from: its application matcher if it names some, else METRICS.md's, else any (empty). */
    private static Set<String> servicesFor(PromQl.Selector selector, Map<String, Set<String>> catalogue) {
        String application = selector.matcher("application");
        if (application != null && application.startsWith("=") && !application.startsWith("=~")) {
            return Set.of(application.substring(1));
        }
        if (application != null && application.startsWith("=~") && !application.equals("=~.*")) {
            Pattern pattern = Pattern.compile(application.substring(2));
            Set<String> matching = new LinkedHashSet<>();
            LiveServices.SERVICES.stream().filter(s -> pattern.matcher(s).matches()).forEach(matching::add);
            return matching;
        }
        return catalogue.getOrDefault(selector.name(), Set.of());
    }

    private Set<String> labelsOf(String name) {
        Set<String> labels = new TreeSet<>();
        expositions.values().forEach(e -> labels.addAll(e.labels(name)));
        return labels;
    }

    private synchronized PrometheusRun prometheus() {
        if (prometheus == null) {
            Map<String, String> targets = new LinkedHashMap<>();
            int i = 0;
            for (String service : LiveServices.SERVICES) {
                // compose.yaml's management ports: 9081, 9082, 9083
                targets.put(service + ":" + (9081 + i++), "127.0.0.1:" + services.service(service).managementPort());
            }
            prometheus = PrometheusRun.start(targets, "prometheus-live-services");
            Waiting.until("Prometheus ready", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, prometheus::answers,
                    () -> LiveServices.tail(prometheus.log("prometheus")));
        }
        return prometheus;
    }

    // ---------------------------------------------------------------- traffic

    private void makeTraffic() throws Exception {
        LiveServices.Service projects = services.service("project-service");
        String id = created(post(projects, "/api/v1/projects", """
                {"name": "部署检查项目", "sector": "INFRASTRUCTURE", "regions": ["510100", "500112"],
                 "leadUnits": ["四川省发展和改革委员会"], "totalInvestmentYuan": 1000000000}""", "projects:write"));
        ok(post(projects, "/api/v1/projects/" + id + "/listings", "{\"listYear\": 2025}", "projects:write"));
        ok(post(projects, "/api/v1/projects/" + id + "/start", "{\"startedOn\": \"2025-03-01\"}", "projects:write"));
        ok(post(projects, "/api/v1/projects/" + id + "/investments",
                "{\"period\": \"2025-03\", \"amountYuan\": 1000000}", "projects:write"));
        created(post(services.service("cadre-service"), "/api/v1/batches",
                "{\"number\": 90, \"year\": 2025, \"dispatchedOn\": \"2025-03-01\"}", "cadres:write"));

        // An unreadable record (dead letter) and a copy of a real event at a sequence far ahead (a gap).
        String topic = "shuangcheng.project.events.v1";
        ConsumerRecord<String, byte[]> published = SharedKafka.readRecords(topic, 1, Duration.ofSeconds(60)).get(0);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "not-an-event", "not a CloudEvent".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            ProducerRecord<String, byte[]> ahead = new ProducerRecord<>(topic, published.key(), published.value());
            for (Header header : published.headers()) {
                if (!header.key().equals("ce_id") && !header.key().equals("ce_sequence")) {
                    ahead.headers().add(header);
                }
            }
            ahead.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            ahead.headers().add("ce_sequence", "99".getBytes(StandardCharsets.UTF_8));
            producer.send(ahead).get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> post(LiveServices.Service service, String path, String json, String scope)
            throws IOException {
        return LiveServices.send(HttpRequest.newBuilder(service.api(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", TestTokens.bearer("deploy-check", scope))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String created(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(201);
        return DeployFiles.JSON.readTree(response.body()).path("id").asText();
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isBetween(200, 299);
    }
}
