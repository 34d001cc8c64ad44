package cn.shuangcheng.support.mongo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a service waits for MongoDB ({@code shuangcheng.mongodb.timeouts.*}). Without them the driver waits for
 * ever on a socket read, and a thread that hangs holds its request, its command or its worker with it.
 *
 * @param connect         opening a connection
 * @param serverSelection finding a server (the primary) to send an operation to; past it a request answers 503
 * @param read            one read on a socket: the longest an operation may take once sent
 * @param poolWait        waiting for a free connection from the pool
 */
@ConfigurationProperties("shuangcheng.mongodb.timeouts")
public record MongoTimeoutsProperties(@DefaultValue("5s") Duration connect,
                                      @DefaultValue("5s") Duration serverSelection,
                                      @DefaultValue("20s") Duration read,
                                      @DefaultValue("5s") Duration poolWait) {
}
