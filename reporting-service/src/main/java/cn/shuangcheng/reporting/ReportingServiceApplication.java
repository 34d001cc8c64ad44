package cn.shuangcheng.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * reporting-service: consumes the published CloudEvents of project-service and cadre-service from Kafka, keeps read
 * models in MongoDB and answers the partner systems' and the joint office's queries. No Axon: the read side knows
 * the events only through the published contract.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingServiceApplication.class, args);
    }
}
