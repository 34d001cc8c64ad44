package cn.shuangcheng.cadres;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the exchange domain free of infrastructure (docs/architecture.md, "Services and stores"), and personal data out
 * of it: aggregates, commands and events know a cadre only by cadreId, so nothing in them may reach the registry
 * where names and personnel numbers live.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.shuangcheng.cadres");
    }

    @Test
    void the_domain_does_not_depend_on_spring_kafka_mongodb_jackson_or_the_web_layer() {
        noClasses().that().resideInAnyPackage("..exchange.domain..", "..exchange.api..", "..erasure.domain..",
                        "..erasure.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "com.fasterxml.jackson..", "tools.jackson..", "io.cloudevents..", "jakarta.servlet..",
                        "cn.shuangcheng.support..", "cn.shuangcheng.servicesupport..",
                        "..web..", "..query..", "..registration..",
                        "..erasure")
                .check(classes);
    }

    @Test
    void the_domain_uses_axon_only_through_its_annotations_and_aggregate_lifecycle() {
        noClasses().that().resideInAnyPackage("..exchange.domain..", "..exchange.api..", "..erasure.domain..",
                        "..erasure.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.axonframework.config..", "org.axonframework.spring..",
                        "org.axonframework.eventsourcing.eventstore..", "org.axonframework.commandhandling.gateway..")
                .check(classes);
    }

    @Test
    void commands_and_events_never_reach_the_registry_of_personal_data() {
        noClasses().that().resideInAnyPackage("..exchange.domain..", "..exchange.api..", "..erasure.domain..",
                        "..erasure.api..")
                .should().dependOnClassesThat().resideInAPackage("..cadres.registry..")
                .check(classes);
    }

    /**
     * The exchange's shape: api and domain at the core, the application (registering and changing secondments under
     * the overlap rule) around them, and the adapters outside: web, query (the read model) and mongo (the reserved
     * periods). The application knows no inbound adapter; the mongo adapter knows only the core.
     */
    @Test
    void the_exchange_has_its_core_inside_and_the_adapters_around_it() {
        noClasses().that().resideInAnyPackage("..exchange.domain..", "..exchange.api..")
                .should().dependOnClassesThat().resideInAnyPackage("..exchange.application..", "..exchange.web..",
                        "..exchange.query..", "..exchange.mongo..")
                .check(classes);
        noClasses().that().resideInAPackage("..exchange.application..")
                .should().dependOnClassesThat().resideInAnyPackage("..exchange.web..", "..exchange.query..")
                .check(classes);
        noClasses().that().resideInAPackage("..exchange.mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("..exchange.application..", "..exchange.web..",
                        "..exchange.query..")
                .check(classes);
    }

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.cadres");
    }
}
