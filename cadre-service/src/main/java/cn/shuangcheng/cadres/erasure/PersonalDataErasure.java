package cn.shuangcheng.cadres.erasure;

import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.CadreRegistry.Erasure;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Erases a cadre's personal data (PIPL Art. 47). The registry is the only place that holds a cadre's name and
 * personnel number (the events, Kafka, the read models and the logs know the pseudonymous cadreId only; the erasure
 * test scans them all), so erasing the registry entry erases the person everywhere this service can reach, and every
 * view shows the erased placeholder from then on. Secondments, contributions and reports stay: they are about the
 * cadreId.
 * <p>
 * The registry is erased first, then the erasure is recorded as an event: the erasure is what the law asks for and
 * must not wait on the audit trail. Should the process fail between the two, the caller sees an error and may erase
 * again (the second erasure finds the entry erased already and records the event then); if no one does,
 * {@link UnrecordedErasures} records it. Either way with the principal and time the registry kept of the first
 * erasure. The event is recorded once
 * per person however often (or concurrently) the person is erased: the {@code CadreErasure} aggregate, keyed by the
 * cadreId, is created at most once ({@link CreationsByReference}: the event store's unique first sequence decides).
 */
@Component
public class PersonalDataErasure {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataErasure.class);

    private final CadreRegistry registry;
    private final CreationsByReference erasureRecords;

    PersonalDataErasure(CadreRegistry registry, CommandGateway commands, EventStore eventStore) {
        this.registry = registry;
        this.erasureRecords = new CreationsByReference(commands, eventStore);
    }

    /** Erases the person; 404 (AggregateNotFoundException) if there is no such cadre. */
    public void erase(String cadreId, String principal) {
        Erasure erasure = registry.erase(cadreId, principal)
                .orElseThrow(() -> new AggregateNotFoundException(cadreId, "no cadre " + cadreId));
        record(erasure);
    }

    /**
     * Records the audit event of every erasure older than {@code before} that has none: its process died between
     * the registry and the event, or it failed and its caller did not erase again. @return how many were recorded
     */
    public int recordMissing(Instant before) {
        int recorded = 0;
        for (Erasure erasure : registry.erasuresNotRecordedBefore(before)) {
            try {
                record(erasure);
                recorded++;
            } catch (RuntimeException e) {
                // one that keeps failing must not hold back the others (the oldest come first)
                log.warn("the erasure of cadre {} could not be recorded now: {}", erasure.cadreId(), e.toString());
            }
        }
        return recorded;
    }

    /** With the registry's principal and time: a retry or the repair records the erasure as it happened. */
    private void record(Erasure erasure) {
        // the cadre id is the reference: the erasure record is created once per person
        erasureRecords.create(erasure.cadreId(), erasure.cadreId(),
                new EraseCadrePersonalDataCommand(erasure.cadreId(), erasure.principal(), erasure.erasedAt()));
        registry.erasureRecorded(erasure.cadreId());
    }
}
