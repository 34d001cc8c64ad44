package cn.shuangcheng.localstack.kafka;

import cn.shuangcheng.contracts.Topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cn.shuangcheng.localstack.kafka.KafkaUser.ADMIN;
import static cn.shuangcheng.localstack.kafka.KafkaUser.CADRE_SERVICE;
import static cn.shuangcheng.localstack.kafka.KafkaUser.INTAKE_SYSTEM;
import static cn.shuangcheng.localstack.kafka.KafkaUser.PROJECT_SERVICE;
import static cn.shuangcheng.localstack.kafka.KafkaUser.REPORTING_SERVICE;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * The broker's users with {@code --kafka-sasl}, as deploy/kafka/create-users-and-acls.sh creates them in compose: the
 * super user {@code admin} (SASL PLAIN, the broker's own links and the launcher), and with SCRAM-SHA-512 each service
 * and an intake system, with the same ACLs (everything not granted is denied). Passwords are drawn at every start and
 * set again (a rotation), so none is written to disk; the summary prints the intake system's for trying the Kafka
 * intake path.
 */
public final class KafkaUsers {

    private final Map<KafkaUser, String> passwords = new EnumMap<>(KafkaUser.class);

    private KafkaUsers() {
        SecureRandom random = new SecureRandom();
        for (KafkaUser user : KafkaUser.values()) {
            byte[] secret = new byte[18];
            random.nextBytes(secret);
            passwords.put(user, HexFormat.of().formatHex(secret));
        }
    }

    /** Fresh passwords for every user. */
    public static KafkaUsers drawn() {
        return new KafkaUsers();
    }

    public String password(KafkaUser user) {
        return passwords.get(user);
    }

    /** The PLAIN login of the super user, as the broker's JAAS configuration (it defines the user) and a client's. */
    String adminJaas(boolean definesUser) {
        String admin = ADMIN.principal();
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                + "\" password=\"" + password(ADMIN) + "\"" + (definesUser ? " user_" + admin + "=\"" + password(ADMIN)
                + "\"" : "") + ";";
    }

    /** The client settings of a SCRAM user ({@code shuangcheng.kafka.properties} of a service). */
    public Map<String, String> clientProperties(KafkaUser user) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user.principal() + "\" password=\"" + password(user) + "\";");
    }

    /** A service's environment variables with its Kafka login ({@code SHUANGCHENG_KAFKA_PROPERTIES_*}). */
    public Map<String, String> serviceEnvironment(KafkaUser user) {
        Map<String, String> env = new LinkedHashMap<>();
        clientProperties(user).forEach((name, value) -> env.put("SHUANGCHENG_KAFKA_PROPERTIES_"
                + name.toUpperCase().replace('.', '_'), value));
        return env;
    }

    /** Sets every SCRAM user's password and grants the ACLs (kafka-init's part; EmbeddedKafka creates the topic). */
    void grant(Admin admin) throws Exception {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        passwords.forEach((user, password) -> {
            if (user != ADMIN) {
                users.add(new UserScramCredentialUpsertion(user.principal(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password));
            }
        });
        admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
        List<AclBinding> acls = new ArrayList<>();
        allow(acls, PROJECT_SERVICE, ResourceType.TOPIC, Topics.PROJECT_EVENTS, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        allow(acls, PROJECT_SERVICE, ResourceType.TOPIC, Topics.INTAKE_SUBMISSIONS, READ, DESCRIBE, CREATE,
                DESCRIBE_CONFIGS);
        allow(acls, PROJECT_SERVICE, ResourceType.TOPIC, Topics.INTAKE_REJECTIONS, WRITE, DESCRIBE, CREATE,
                DESCRIBE_CONFIGS);
        allow(acls, PROJECT_SERVICE, ResourceType.GROUP, "project-service-intake", READ);
        allow(acls, CADRE_SERVICE, ResourceType.TOPIC, Topics.CADRE_EVENTS, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        allow(acls, REPORTING_SERVICE, ResourceType.TOPIC, Topics.PROJECT_EVENTS, READ, DESCRIBE);
        allow(acls, REPORTING_SERVICE, ResourceType.TOPIC, Topics.CADRE_EVENTS, READ, DESCRIBE);
        allow(acls, REPORTING_SERVICE, ResourceType.GROUP, "reporting-service", READ);
        allow(acls, REPORTING_SERVICE, ResourceType.TOPIC, Topics.REPORTING_DEAD_LETTERS, WRITE, DESCRIBE);
        allow(acls, INTAKE_SYSTEM, ResourceType.TOPIC, Topics.INTAKE_SUBMISSIONS, WRITE, DESCRIBE);
        allow(acls, INTAKE_SYSTEM, ResourceType.TOPIC, Topics.INTAKE_REJECTIONS, READ, DESCRIBE);
        String intakeSystem = INTAKE_SYSTEM.principal();
        acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, intakeSystem, PatternType.PREFIXED),
                new AccessControlEntry("User:" + intakeSystem, "*", READ, AclPermissionType.ALLOW)));
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    private static void allow(List<AclBinding> acls, KafkaUser user, ResourceType type, String name,
                              AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user.principal(), "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
