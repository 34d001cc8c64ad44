package cn.shuangcheng.reporting;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.KafkaClientsRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The read side's shape (docs/architecture.md, "Services and stores"): contexts (ingestion, readmodel,
 * rebuild, and the features projects, portfolio, agenda, cadres, dashboard), each split by role. At the core,
 * {@code domain} (the folds of events into documents and the pure rules) and {@code api} (what the HTTP API answers);
 * around it the adapters {@code web}, {@code kafka} and {@code mongo}; {@code application} in between. A read model is
 * a {@code Projection} bean of its feature, collected by the ingestion, which knows no feature.
 *
 * <p>BSON documents ({@code org.bson}) are the values the folds produce and the views are read from, like a map, so
 * they are allowed in the core; the MongoDB driver ({@code com.mongodb}) is not.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"..reporting.projects..", "..reporting.portfolio..",
            "..reporting.agenda..", "..reporting.cadres..", "..reporting.dashboard.."};
    private static final String[] FRAMEWORKS_AND_DRIVERS = {"org.springframework..", "org.apache.kafka..",
            "com.mongodb..", "io.cloudevents..", "jakarta.servlet..", "io.micrometer..", "cn.shuangcheng.support.web..",
            "cn.shuangcheng.support.kafka.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.shuangcheng.reporting");
    }

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check(classes);
    }

    @Test
    void the_domain_and_api_know_no_framework_driver_or_adapter() {
        noClasses().that().resideInAnyPackage("..reporting.*.domain..", "..reporting.*.api..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS_AND_DRIVERS)
                .orShould().dependOnClassesThat().resideInAnyPackage("..reporting.*.application..",
                        "..reporting.*.web..", "..reporting.*.kafka..", "..reporting.*.mongo..")
                .check(classes);
    }

    @Test
    void the_application_knows_no_adapter() {
        noClasses().that().resideInAnyPackage("..reporting.*.application..")
                .should().dependOnClassesThat().resideInAnyPackage("..reporting.*.web..", "..reporting.*.kafka..",
                        "..reporting.*.mongo..", "org.springframework.web..", "jakarta.servlet..", "org.apache.kafka..",
                        "com.mongodb..")
                .check(classes);
    }

    /** The adapters sit side by side: the MongoDB ones serve the others and know neither HTTP nor Kafka. */
    @Test
    void the_adapters_do_not_reach_into_each_other() {
        noClasses().that().resideInAnyPackage("..reporting.*.mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("..reporting.*.web..", "..reporting.*.kafka..",
                        "org.springframework.web..", "jakarta.servlet..", "org.apache.kafka..")
                .check(classes);
        noClasses().that().resideInAnyPackage("..reporting.*.web..")
                .should().dependOnClassesThat().resideInAnyPackage("..reporting.*.kafka..", "org.apache.kafka..")
                .check(classes);
        noClasses().that().resideInAnyPackage("..reporting.*.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("..reporting.*.web..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(classes);
    }

    /** A new read model is a Projection bean in its own feature: nothing changes in ingestion, readmodel or rebuild. */
    @Test
    void ingestion_readmodel_and_rebuild_know_no_feature() {
        noClasses().that().resideInAnyPackage("..reporting.ingestion..", "..reporting.readmodel..",
                        "..reporting.rebuild..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    /** reporting-service's consumers, dead-letter producer and health client take the connection's security settings. */
    @Test
    void every_kafka_client_is_made_by_the_connection_properties() {
        KafkaClientsRule.check("cn.shuangcheng");
    }
}
