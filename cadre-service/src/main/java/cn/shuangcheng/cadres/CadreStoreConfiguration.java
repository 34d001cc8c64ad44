package cn.shuangcheng.cadres;

import cn.shuangcheng.cadres.exchange.query.SecondmentViews;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * cadre-service's own MongoDB database (the one that also holds its event store): the cadre registry with the
 * personal data, the periods reserved while a change of a person's secondments is decided, and the secondment read
 * model.
 */
@Configuration(proxyBeanMethods = false)
class CadreStoreConfiguration {

    @Bean
    MongoDatabase cadreDatabase(MongoClient client, @Value("${shuangcheng.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    CadreRegistry cadreRegistry(MongoDatabase cadreDatabase, Clock clock) {
        return new CadreRegistry(cadreDatabase, clock);
    }

    @Bean
    ReservedPeriods reservedPeriods(MongoDatabase cadreDatabase,
                                    @Value("${shuangcheng.cadres.reservation-grace:PT5M}") Duration grace) {
        return new ReservedPeriods(cadreDatabase, grace);
    }

    @Bean
    SecondmentViews secondmentViews(MongoDatabase cadreDatabase) {
        return new SecondmentViews(cadreDatabase);
    }
}
