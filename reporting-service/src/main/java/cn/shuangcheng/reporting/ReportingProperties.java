package cn.shuangcheng.reporting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import cn.shuangcheng.contracts.Topics;

/**
 * {@code shuangcheng.reporting.*}.
 *
 * @param database          MongoDB database of the read models
 * @param projectTopic      topic of the project context's events (configurable so tests use their own)
 * @param cadreTopic        topic of the cadre context's events
 * @param deadLetterTopic   where records that cannot be read go, with the reason in headers
 * @param groupId           the consumer group of the live read models
 * @param pollTimeout       how long one poll waits for records
 * @param maxPollRecords    records per poll, and so per bulk write
 * @param retryBackoff      first wait before a batch is tried again after MongoDB (or Kafka) failed, and before a
 *                          dead consumer thread is restarted; doubled on each further failure (default 1 s)
 * @param maxRetryBackoff   the cap of that doubling (default 30 s)
 * @param restartLimit      how many consumer threads in a row may die within {@code restartWindow} before liveness
 *                          turns DOWN (default 5)
 * @param restartWindow     see {@code restartLimit} (default 10 min)
 * @param ingestEnabled     false starts the queries only (e.g. a query-only replica)
 * @param stallTimeout      a live consumer that has not polled for this long shows DOWN in the health details
 *                          (readModelConsumer) and as 0 in the running gauge; for three times this long, it is
 *                          stuck and liveness (readModelWorker) turns DOWN (default 2 min)
 * @param lagInterval       how often the live consumer asks Kafka for its lag (default 5 s)
 * @param metricsRefresh    how often the read-model gauges (projects by status) are counted again (default 15 s)
 * @param rebuildHeartbeatTimeout a running rebuild renews its heartbeat in MongoDB after every poll; one whose
 *                          heartbeat is older than this is taken for dead (its instance died) and marked FAILED, so
 *                          that another rebuild can start (default 1 min; keep it well above the time one batch of
 *                          {@code maxPollRecords} takes to apply, or a slow rebuild is taken for dead)
 */
@ConfigurationProperties("shuangcheng.reporting")
public record ReportingProperties(String database, String projectTopic, String cadreTopic, String deadLetterTopic,
                                  String groupId, Duration pollTimeout, Integer maxPollRecords, Duration retryBackoff,
                                  Boolean ingestEnabled, Duration stallTimeout, Duration lagInterval,
                                  Duration metricsRefresh, Duration maxRetryBackoff, Integer restartLimit,
                                  Duration restartWindow, Duration rebuildHeartbeatTimeout) {

    public ReportingProperties {
        database = database == null ? "shuangcheng-reporting" : database;
        projectTopic = projectTopic == null ? Topics.PROJECT_EVENTS : projectTopic;
        cadreTopic = cadreTopic == null ? Topics.CADRE_EVENTS : cadreTopic;
        deadLetterTopic = deadLetterTopic == null ? Topics.REPORTING_DEAD_LETTERS : deadLetterTopic;
        groupId = groupId == null ? "reporting-service" : groupId;
        pollTimeout = pollTimeout == null ? Duration.ofMillis(500) : pollTimeout;
        maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        ingestEnabled = ingestEnabled == null || ingestEnabled;
        stallTimeout = stallTimeout == null ? Duration.ofMinutes(2) : stallTimeout;
        lagInterval = lagInterval == null ? Duration.ofSeconds(5) : lagInterval;
        metricsRefresh = metricsRefresh == null ? Duration.ofSeconds(15) : metricsRefresh;
        maxRetryBackoff = maxRetryBackoff == null ? Duration.ofSeconds(30) : maxRetryBackoff;
        restartLimit = restartLimit == null ? 5 : restartLimit;
        restartWindow = restartWindow == null ? Duration.ofMinutes(10) : restartWindow;
        rebuildHeartbeatTimeout = rebuildHeartbeatTimeout == null ? Duration.ofMinutes(1) : rebuildHeartbeatTimeout;
    }
}
