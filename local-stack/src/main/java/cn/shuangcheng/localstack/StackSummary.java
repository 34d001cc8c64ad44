package cn.shuangcheng.localstack;

import cn.shuangcheng.localstack.auth.DemoClients.DemoClient;
import cn.shuangcheng.localstack.auth.DemoClients;
import cn.shuangcheng.localstack.auth.DemoUsers;
import cn.shuangcheng.localstack.kafka.EmbeddedKafka;
import cn.shuangcheng.localstack.kafka.KafkaUser;
import cn.shuangcheng.localstack.services.ServiceProcess;

/** The text run.sh prints once the stack is up: where each part runs, its log, and how to sign in. */
final class StackSummary {

    private StackSummary() {
    }

    static String of(Stack stack) {
        StringBuilder text = new StringBuilder();
        String nl = System.lineSeparator();
        text.append("Shuangcheng is running:").append(nl);
        for (ServiceProcess s : stack.services()) {
            text.append(String.format("  %-18s %s   health http://127.0.0.1:%d/actuator/health   log %s%n",
                    s.spec().name(), s.spec().baseUrl(), s.spec().managementPort(), s.log()));
        }
        EmbeddedKafka kafka = stack.embeddedKafka();
        text.append(kafka == null ? String.format("  %-18s %s (the caller's)%n", "Kafka", stack.kafkaBootstrapServers())
                : String.format("  %-18s %s (KRaft, data in %s)%n", "Kafka", kafka.bootstrapServers(),
                stack.data().kafka()));
        if (kafka != null && kafka.users() != null) {
            text.append(String.format("  %-18s SASL_PLAINTEXT, SCRAM-SHA-512, ACLs as deploy/kafka; intake system "
                    + "user %s password %s (drawn at this start)%n", "", KafkaUser.INTAKE_SYSTEM.principal(),
                    kafka.users().password(KafkaUser.INTAKE_SYSTEM)));
        }
        text.append(String.format("  %-18s %s (mongo-java-server, H2 file %s.db)%n", "MongoDB",
                stack.mongoConnectionString(), stack.data().mongoStore()));
        text.append(String.format("  %-18s %s   token endpoint %s%n", "OAuth2 issuer", stack.authorizationServer().issuer(),
                stack.authorizationServer().tokenEndpoint()));
        text.append("Demo clients (client-credentials grant; development secrets, not for anything real):").append(nl);
        for (DemoClient c : DemoClients.PRINTED) {
            text.append(String.format("  %-14s secret %-26s scopes %s%n", c.clientId(), c.secret(),
                    c.scopeParameter()));
        }
        text.append(DemoUsers.dashboardLine(stack.baseUrl(Stack.REPORTING_SERVICE)));
        text.append("Get a token:").append(nl).append(String.format(
                "  curl -s -u reader:%s -d grant_type=client_credentials -d scope=reports:read %s%n",
                DemoClients.READER.secret(), stack.authorizationServer().tokenEndpoint()));
        return text.toString();
    }
}
