package cn.shuangcheng.projects;

import cn.shuangcheng.support.testing.KafkaClientsRule;
import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the domain free of infrastructure (docs/architecture.md, "Services and stores"): aggregates, commands and
 * events use Axon only through its handler annotations and AggregateLifecycle, never Spring, Kafka, MongoDB,
 * Jackson, the web layer or a support module (of our own modules only the kernel, cn.shuangcheng.kernel); and the
 * two contexts of this service do not reach into each other.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.shuangcheng.projects");
    }

    @Test
    void the_domain_does_not_depend_on_spring_kafka_mongodb_jackson_or_the_web_layer() {
        // intake's api is the JSON of a REST and Kafka contract, not events: its rule is below
        noClasses().that().resideInAnyPackage("..domain..", "..api..").and().resideOutsideOfPackage("..intake.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "com.fasterxml.jackson..", "tools.jackson..", "io.cloudevents..", "jakarta.servlet..",
                        "cn.shuangcheng.support..", "cn.shuangcheng.servicesupport..",
                        "..web..")
                .check(classes);
    }

    @Test
    void the_domain_uses_axon_only_through_its_annotations_and_aggregate_lifecycle() {
        noClasses().that().resideInAnyPackage("..domain..", "..api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.axonframework.config..", "org.axonframework.spring..",
                        "org.axonframework.eventsourcing.eventstore..", "org.axonframework.commandhandling.gateway..")
                .check(classes);
    }

    @Test
    void projects_and_the_three_lists_are_separate_contexts() {
        noClasses().that().resideInAPackage("..projects.agenda..")
                .should().dependOnClassesThat().resideInAnyPackage("..projects.cooperation..", "..projects.intake..")
                .check(classes);
        noClasses().that().resideInAPackage("..projects.cooperation..")
                .should().dependOnClassesThat().resideInAnyPackage("..projects.agenda..", "..projects.intake..")
                .check(classes);
    }

    /** The services' Kafka clients all take the connection's security settings (shuangcheng.kafka.properties). */
    @Test
    void every_kafka_client_is_made_by_the_connection_properties() {
        KafkaClientsRule.check("cn.shuangcheng");
    }

    /**
     * Intake's layout: api (the item and row outcome of the contract) and domain (reconciling a reported state with the
     * stored one) at the core, application around them (processing rows, batches, the known projects), and the
     * adapters outside: web (the REST batches), kafka (the intake topic), mongo (batches and their leases). The core
     * knows no adapter and no framework (the api's records carry JSON and OpenAPI annotations only); the application
     * no inbound adapter; the adapters not each other, except that
     * the web reads the batches it was given from the batch store.
     */
    @Test
    void intake_has_its_core_inside_and_the_adapters_around_it() {
        noClasses().that().resideInAnyPackage("..intake.domain..", "..intake.api..")
                .should().dependOnClassesThat().resideInAnyPackage("..intake.application..", "..intake.web..",
                        "..intake.kafka..", "..intake.mongo..", "org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "tools.jackson..", "tools.jackson.databind..",
                        "jakarta.servlet..", "cn.shuangcheng.support..", "cn.shuangcheng.servicesupport..")
                .check(classes);
        noClasses().that().resideInAPackage("..intake.application..")
                .should().dependOnClassesThat().resideInAnyPackage("..intake.web..", "..intake.kafka..",
                        "jakarta.servlet..", "org.springframework.web..", "org.apache.kafka..")
                .check(classes);
        noClasses().that().resideInAPackage("..intake.mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("..intake.application..", "..intake.web..",
                        "..intake.kafka..")
                .check(classes);
        noClasses().that().resideInAPackage("..intake.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("..intake.web..", "..intake.mongo..")
                .check(classes);
        noClasses().that().resideInAPackage("..intake.web..")
                .should().dependOnClassesThat().resideInAnyPackage("..intake.kafka..")
                .check(classes);
    }

    /** Intake is a client of the projects context: it speaks its commands and events, never its internals. */
    @Test
    void intake_uses_only_the_published_commands_and_events_of_projects() {
        noClasses().that().resideInAPackage("..projects.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("..projects.cooperation.domain..",
                        "..projects.cooperation.web..", "..projects.agenda..")
                .check(classes);
    }

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.projects");
    }
}
