package cn.shuangcheng.support.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

/**
 * Every Kafka client of a service is made by {@link KafkaConnectionProperties}, which gives it the connection's
 * security settings ({@code shuangcheng.kafka.properties}): a producer, consumer or admin client built anywhere else
 * could forget them and, on a SASL cluster, fail (or worse, on a cluster with a PLAINTEXT listener left open,
 * connect unauthenticated). Each service's ArchitectureTest checks its own classes and the shared modules'.
 */
public final class KafkaClientsRule {

    static final ArchRule RULE = noClasses().that().doNotBelongToAnyOf(KafkaConnectionProperties.class)
            .should().callConstructorWhere(targetOwnedBy(KafkaProducer.class))
            .orShould().callConstructorWhere(targetOwnedBy(KafkaConsumer.class))
            .orShould().callMethodWhere(targetOwnedBy(Admin.class).and(named("create")))
            .orShould().callMethodWhere(targetOwnedBy(AdminClient.class).and(named("create")))
            .as("Kafka clients are made by KafkaConnectionProperties only (producers, consumers, admin clients)");

    private KafkaClientsRule() {
    }

    private static DescribedPredicate<JavaCall<?>> targetOwnedBy(Class<?> type) {
        return DescribedPredicate.describe("a member of " + type.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(type));
    }

    private static DescribedPredicate<JavaCall<?>> named(String name) {
        return DescribedPredicate.describe("named " + name, call -> call.getName().equals(name));
    }

    /** Checks the main classes of the given packages (tests may make clients as they like). */
    public static void check(String... packages) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages(packages);
        RULE.check(classes);
    }
}
