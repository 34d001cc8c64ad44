package cn.shuangcheng.projects.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.intake.*}: the Kafka intake path. {@code kafka-enabled} turns the topic listener on
 * (default on); {@code kafka-principal} is recorded on events caused by records that name no principal;
 * {@code known-projects} is how many projects' intake state is kept between rows (default: the row limit, so a
 * whole batch's monthly resend finds every project in memory).
 */
@ConfigurationProperties("shuangcheng.intake")
public record IntakeProperties(Boolean kafkaEnabled, String submissionsTopic, String rejectionsTopic,
                               String consumerGroup, String kafkaPrincipal, Integer partitions,
                               Long knownProjects) {

    public IntakeProperties {
        kafkaEnabled = kafkaEnabled == null || kafkaEnabled;
        submissionsTopic = orDefault(submissionsTopic, "shuangcheng.intake.submissions.v1");
        rejectionsTopic = orDefault(rejectionsTopic, "shuangcheng.intake.rejections.v1");
        consumerGroup = orDefault(consumerGroup, "project-service-intake");
        kafkaPrincipal = orDefault(kafkaPrincipal, "intake-topic");
        partitions = partitions == null ? 3 : partitions;
        knownProjects = knownProjects == null ? IntakeController.MAX_ROWS : knownProjects;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
