package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * An append that came too late: trackers had given up the global index it reserved and closed it with a tombstone
 * before its insert arrived (a GC pause, a stopped process or a failover between reservation and insert). MongoDB's
 * unique {@code _id} decided who was first, and the append was refused, so that no event is ever stored where no
 * tracker reads it. The batch's events before the refused one are normally none (see
 * {@link SequencedMongoEventStorageEngine}, Tracking): the command changed nothing and can be sent again, which
 * reserves new indexes. The services answer it 503 with {@code Retry-After}, like an unavailable MongoDB.
 */
public class LateAppendRefusedException extends EventStoreException {

    public LateAppendRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
