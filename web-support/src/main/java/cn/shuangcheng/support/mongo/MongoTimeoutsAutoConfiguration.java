package cn.shuangcheng.support.mongo;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import com.mongodb.client.MongoClient;

/**
 * Bounds every wait of the MongoDB client Boot builds (connect, server selection, socket read, pool), so that an
 * unreachable or hanging MongoDB becomes an exception a request answers with 503 and a worker retries, never a
 * thread stuck for ever. Applied after the URI's own settings: a timeout given in the URI is overridden here, so set
 * them through {@code shuangcheng.mongodb.timeouts.*} instead.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass({MongoClient.class, MongoClientSettingsBuilderCustomizer.class})
@EnableConfigurationProperties(MongoTimeoutsProperties.class)
public class MongoTimeoutsAutoConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer mongoTimeoutsCustomizer(MongoTimeoutsProperties timeouts) {
        return settings -> settings
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) timeouts.read().toMillis(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool
                        .maxWaitTime(timeouts.poolWait().toMillis(), TimeUnit.MILLISECONDS));
    }
}
