package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.cadres.CadreServiceApplication;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cadre-service running for real: its own database on the shared MongoDB stand-in, its own topic on the shared Kafka
 * broker, tokens signed by the test key.
 */
final class CadreServiceRig implements AutoCloseable {

    final String database;
    final String topic;
    private ConfigurableApplicationContext context;
    private Api api;
    private Duration clockAhead = Duration.ZERO;
    private final Map<String, Object> extraProperties = new TreeMap<>();

    CadreServiceRig() {
        this(SharedMongo.uniqueDatabaseName("cadres"), SharedKafka.uniqueTopic("shuangcheng.cadre.events.v1"));
    }

    /** Another instance of the same service: same database, same topic. */
    CadreServiceRig(String database, String topic) {
        this.database = database;
        this.topic = topic;
    }

    /**
     * This instance's clock runs {@code ahead} of the others' (a host whose clock drifted): every {@link Clock} bean
     * it has is shifted. Call before {@link #start()}.
     */
    CadreServiceRig withClockAhead(Duration ahead) {
        this.clockAhead = ahead;
        return this;
    }

    /** A setting of this instance beyond the rig's (as project-service's rig takes them). */
    CadreServiceRig with(String property, Object value) {
        extraProperties.put(property, value);
        return this;
    }

    CadreServiceRig start() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.mongodb.uri=" + SharedMongo.connectionString(),
                "--shuangcheng.mongodb.database=" + database,
                "--shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--shuangcheng.publication.topic=" + topic,
                "--shuangcheng.publication.partitions=3"));
        args.addAll(TestTokens.securityArguments());
        extraProperties.forEach((k, v) -> args.add("--" + k + "=" + v));
        Duration ahead = clockAhead;
        BeanPostProcessor skew = new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof Clock clock && !ahead.isZero() ? Clock.offset(clock, ahead) : bean;
            }
        };
        context = new SpringApplicationBuilder(CadreServiceApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(skew))
                .run(args.toArray(String[]::new));
        api = new Api(((WebServerApplicationContext) context).getWebServer().getPort());
        return this;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    Api api() {
        return api;
    }

    /** A bean of the running service, for tests that reach below the API (the event store, the processors). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The management port: health probes and the Prometheus exposition, without a token. */
    ManagementPort management() {
        return new ManagementPort(Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
    }

    /** The documents of one collection of the service's database. */
    List<Document> documents(String collection, Document filter) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            return client.getDatabase(database).getCollection(collection).find(filter).into(new ArrayList<>());
        }
    }

    /** The stored events, in global order: {@code [aggregateIdentifier, type simple name, sequenceNumber, _id]}. */
    List<Document> storedEvents() {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            List<Document> events = new ArrayList<>();
            // events only, not the tombstones trackers leave in global indexes they gave up
            client.getDatabase(database).getCollection("domainevents")
                    .find(new Document("tombstone", new Document("$exists", false)))
                    .sort(new Document("_id", 1)).into(events);
            return events;
        }
    }

    /**
     * Every document of every collection of the service's database, as JSON, by collection (to search for personal
     * data wherever it might have been written: the registry, the read model, reservations, the event store, token
     * and dead-letter stores, whatever is added later).
     */
    Map<String, List<String>> everyCollectionAsJson() {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            Map<String, List<String>> out = new TreeMap<>();
            for (String name : client.getDatabase(database).listCollectionNames()) {
                List<String> documents = new ArrayList<>();
                client.getDatabase(database).getCollection(name).find().forEach(d -> documents.add(d.toJson()));
                out.put(name, documents);
            }
            return out;
        }
    }

    /** Every document of a collection of the service's database, as JSON (to search for personal data). */
    List<String> collectionAsJson(String collection) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            List<String> out = new ArrayList<>();
            client.getDatabase(database).getCollection(collection).find().forEach(d -> out.add(d.toJson()));
            return out;
        }
    }
}
