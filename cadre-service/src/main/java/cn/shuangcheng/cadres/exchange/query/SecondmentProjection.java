package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.api.CadreArrived;
import cn.shuangcheng.cadres.exchange.api.ContributionRecorded;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.api.SecondmentCompleted;
import cn.shuangcheng.cadres.exchange.api.SecondmentEndedEarly;
import cn.shuangcheng.cadres.exchange.api.SecondmentExtended;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.api.SecondmentStatus;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import cn.shuangcheng.servicesupport.eventstore.ExactDecimal128;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cn.shuangcheng.cadres.exchange.query.SecondmentViews.*;

/**
 * Keeps cadre-service's own secondment read model (collection {@value SecondmentViews#COLLECTION}) from the event
 * store, on a tracking processor of its own. The model knows the cadre only by cadreId; names are joined from the
 * registry when a request is answered.
 * <p>
 * Delivery is at least once: a registration is an insert that ignores a duplicate, and every later event updates
 * only a document whose {@code lastSequence} is below the event's sequence, so a redelivered event is a no-op.
 */
public class SecondmentProjection {

    /** The processing group (and tracking processor) that feeds the read model; its dead letters are keyed by it. */
    public static final String PROCESSING_GROUP = "secondment-read-model";

    private final MongoCollection<Document> views;

    public SecondmentProjection(SecondmentViews views) {
        this.views = views.collection();
    }

    @EventHandler
    void on(SecondmentRegistered event, @SequenceNumber long sequence) {
        Document view = new Document(ID, event.secondmentId())
                .append(BATCH_ID, event.batchId())
                .append(BATCH_NUMBER, event.batchNumber())
                .append(CADRE_ID, event.cadreId())
                .append(DIRECTION, event.direction().name())
                .append(STATUS, SecondmentStatus.REGISTERED.name())
                .append("homeUnit", event.homeUnit())
                .append("homeRegion", event.homeRegion())
                .append("hostUnit", event.hostUnit())
                .append("hostRegion", event.hostRegion())
                .append("hostPost", event.hostPost())
                .append(START_ON, date(event.startOn()))
                .append("endOn", date(event.endOn()))
                .append("plannedEndOn", date(event.endOn()))
                .append(CONTRIBUTIONS, new ArrayList<Document>())
                .append("extensions", new ArrayList<Document>())
                .append(LAST_SEQUENCE, sequence);
        try {
            views.insertOne(view);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @EventHandler
    void on(CadreArrived event, @SequenceNumber long sequence) {
        update(event.secondmentId(), sequence, Updates.set(STATUS, SecondmentStatus.ON_POST.name()),
                Updates.set("arrivedOn", date(event.arrivedOn())));
    }

    @EventHandler
    void on(ContributionRecorded event, @SequenceNumber long sequence) {
        List<Document> indicators = new ArrayList<>();
        for (Indicator indicator : event.indicators()) {
            indicators.add(new Document("name", indicator.name())
                    .append("value", storedValue(indicator.value()))
                    .append("unit", indicator.unit()));
        }
        Document contribution = new Document("contributionId", event.contributionId())
                .append("on", date(event.on()))
                .append("category", event.category().name())
                .append("summary", event.summary())
                .append("projectIds", event.projectIds())
                .append("indicators", indicators);
        update(event.secondmentId(), sequence, Updates.push(CONTRIBUTIONS, contribution));
    }

    @EventHandler
    void on(SecondmentExtended event, @SequenceNumber long sequence) {
        update(event.secondmentId(), sequence, Updates.set("endOn", date(event.endOn())),
                Updates.push("extensions", new Document("endOn", date(event.endOn()))
                        .append("previousEndOn", date(event.previousEndOn())).append("reason", event.reason())));
    }

    @EventHandler
    void on(SecondmentCompleted event, @SequenceNumber long sequence) {
        update(event.secondmentId(), sequence, Updates.set(STATUS, SecondmentStatus.COMPLETED.name()),
                Updates.set("completedOn", date(event.completedOn())), Updates.set("endOn", date(event.completedOn())));
    }

    @EventHandler
    void on(SecondmentEndedEarly event, @SequenceNumber long sequence) {
        update(event.secondmentId(), sequence, Updates.set(STATUS, SecondmentStatus.ENDED_EARLY.name()),
                Updates.set("endedOn", date(event.endedOn())), Updates.set("endOn", date(event.endedOn())),
                Updates.set("endReason", event.reason()));
    }

    private void update(String secondmentId, long sequence, Bson... changes) {
        List<Bson> all = new ArrayList<>(List.of(changes));
        all.add(Updates.set(LAST_SEQUENCE, sequence));
        views.updateOne(Filters.and(Filters.eq(ID, secondmentId), Filters.lt(LAST_SEQUENCE, sequence)),
                Updates.combine(all));
    }

    /**
     * An indicator's value as MongoDB's Decimal128 when it holds it exactly, else as its scientific string
     * ({@code 1E+999999999}). Never {@code toPlainString()}: an event already stored with a huge exponent would be
     * expanded into billions of digits and exhaust the heap (it did, crash-looping every instance).
     */
    static Object storedValue(BigDecimal value) {
        return value == null ? null : ExactDecimal128.of(value).<Object>map(decimal -> decimal)
                                                     .orElseGet(value::toString);
    }

    /** The value {@link #storedValue} stored, or a plain decimal string stored before it. */
    static BigDecimal readValue(Object stored) {
        if (stored instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return stored == null ? null : new BigDecimal(stored.toString());
    }

    /** ISO dates as strings: they sort and compare as dates, and read back without time zones. */
    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
