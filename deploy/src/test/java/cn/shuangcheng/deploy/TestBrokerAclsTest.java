package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.servicesupport.testing.SecuredKafka;

/**
 * The services' tests on a SASL broker ({@link SecuredKafka}) run under exactly the ACLs kafka-init grants in
 * compose (kafka/create-users-and-acls.sh): what those tests show about who may write which topic holds for the
 * deployment.
 */
class TestBrokerAclsTest {

    @Test
    void the_test_broker_grants_what_create_users_and_acls_grants() {
        KafkaAcls deployed = KafkaAcls.read();
        Set<String> script = new TreeSet<>();
        deployed.users().forEach(user -> deployed.rightsOf(user).forEach(right -> script.add(user + " " + right)));

        Set<String> testBroker = new TreeSet<>();
        for (AclBinding acl : SecuredKafka.deployedAcls()) {
            testBroker.add(acl.entry().principal().substring("User:".length()) + " "
                    + acl.pattern().resourceType().name().toLowerCase() + ":" + acl.pattern().name()
                    + (acl.pattern().patternType() == PatternType.PREFIXED ? "*" : "") + ":"
                    + camelCase(acl.entry().operation().name()));
        }

        assertThat(testBroker).isEqualTo(script);
    }

    /** DESCRIBE_CONFIGS as the script writes it: DescribeConfigs. */
    private static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }
}
