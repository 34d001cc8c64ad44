package cn.shuangcheng.support.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.mongodb.client.MongoClient;

/**
 * Whether MongoDB answers a {@code ping} on the admin database. Boot's own indicator sends {@code hello}, which the
 * MongoDB wire-protocol stand-in of the tests and the local stack does not know; {@code ping} is the check MongoDB
 * documents for exactly this and both answer it. The driver's server selection timeout bounds how long it waits.
 */
public final class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private static final Document PING = new Document("ping", 1);

    private final MongoClient client;

    public MongoPingHealthIndicator(MongoClient client) {
        super("MongoDB health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = client.getDatabase("admin").runCommand(PING);
        builder.up().withDetail("ping", answer.get("ok"));
    }
}
