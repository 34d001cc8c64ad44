package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import cn.shuangcheng.servicesupport.testing.SharedKafka;

class KafkaPublicationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaPublicationAutoConfiguration.class))
            .withPropertyValues("shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                    "shuangcheng.publication.context=project",
                    "spring.application.name=project-service");

    @Test
    void staysOffWithoutATopic() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaPublicationModule.class)
                                                 .doesNotHaveBean(CloudEventKafkaSender.class));
    }

    @Test
    void staysOffWhenSwitchedOffEvenWithATopic() {
        runner.withPropertyValues("shuangcheng.publication.topic=shuangcheng.project.events.v1",
                      "shuangcheng.publication.enabled=false")
              .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaPublicationModule.class));
    }

    @Test
    void wiresThePublicationWhenATopicIsSetWithDefaultsAndTheServiceNameOfTheService() {
        runner.withPropertyValues("shuangcheng.publication.topic=shuangcheng.project.events.v1",
                      "shuangcheng.service-name=project-service-from-shuangcheng",
                      "shuangcheng.publication.send-timeout=4s")
              .run(context -> {
                  assertThat(context).hasNotFailed()
                                     .hasSingleBean(KafkaPublicationModule.class)
                                     .hasSingleBean(KafkaPublishingEventHandler.class)
                                     .hasSingleBean(CloudEventKafkaSender.class)
                                     .hasSingleBean(PublicationTopicCreator.class);
                  PublicationProperties bound = context.getBean(PublicationProperties.class);
                  assertThat(bound.partitions()).isEqualTo(6);
                  assertThat(bound.replicationFactor()).isEqualTo((short) 1);
                  assertThat(bound.processingGroup()).isEqualTo("kafka-publication");
                  assertThat(bound.sendTimeout()).isEqualTo(Duration.ofSeconds(4));
                  assertThat(context.getBean(CloudEventMapper.class).toCloudEvent(TestEvents.investment("P-1", 0, 1))
                                    .getSource().toString())
                          .isEqualTo("urn:shuangcheng:project-service-from-shuangcheng");
              });
    }

    @Test
    void refusesToStartWhenABatchCouldOutliveTheTokenClaim() {
        runner.withPropertyValues("shuangcheng.publication.topic=t", "shuangcheng.publication.send-timeout=30s")
              .run(context -> assertThat(context).hasFailed().getFailure()
                      .hasStackTraceContaining("shuangcheng.publication.send-timeout (30000 ms)")
                      .hasStackTraceContaining("max.block.ms (2000 ms)")
                      .hasStackTraceContaining("token claim timeout shuangcheng.eventstore.token-claim-timeout "
                              + "(10000 ms)"));
        runner.withPropertyValues("shuangcheng.publication.topic=t", "shuangcheng.publication.send-timeout=4s",
                      "shuangcheng.kafka.properties[max.block.ms]=6000")
              .run(context -> assertThat(context).hasFailed().getFailure()
                      .hasStackTraceContaining("max.block.ms (6000 ms)"));
        runner.withPropertyValues("shuangcheng.publication.topic=t", "shuangcheng.publication.send-timeout=30s",
                      "shuangcheng.eventstore.token-claim-timeout=40s")
              .run(context -> assertThat(context).hasNotFailed().hasSingleBean(CloudEventKafkaSender.class));
    }

    @Test
    void fallsBackToTheApplicationNameAndRefusesToStartWithoutAContext() {
        runner.withPropertyValues("shuangcheng.publication.topic=t")
              .run(context -> assertThat(context.getBean(CloudEventMapper.class)
                                                .toCloudEvent(TestEvents.investment("P-1", 0, 1)).getSource()
                                                .toString()).isEqualTo("urn:shuangcheng:project-service"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaPublicationAutoConfiguration.class))
                .withPropertyValues("shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "shuangcheng.publication.topic=t", "spring.application.name=project-service")
                .run(context -> assertThat(context).hasFailed().getFailure()
                                                   .hasStackTraceContaining("shuangcheng.publication.context"));
    }
}
