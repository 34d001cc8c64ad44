package cn.shuangcheng.cadres.erasure;

import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Erases a cadre's personal data (PIPL Art. 47). The registry is the only place that holds a cadre's name and
 * personnel number (the events, Kafka, the read models and the logs know the pseudonymous cadreId only; the erasure
 * test scans them all), so erasing the registry entry erases the person everywhere this service can reach, and every
 * view shows the erased placeholder from then on. Secondments, contributions and reports stay: they are about the
 * cadreId.
 * <p>
 * The registry is erased first, then the erasure is recorded as an event: the erasure is what the law asks for and
 * must not wait on the audit trail. Should the process fail between the two, the caller sees an error and erases
 * again; the second erasure finds the entry erased already and records the event then. The event is recorded once
 * per person however often (or concurrently) the person is erased: the {@code CadreErasure} aggregate, keyed by the
 * cadreId, is created at most once ({@link CreationsByReference}: the event store's unique first sequence decides).
 */
@Component
public class PersonalDataErasure {

    private final CadreRegistry registry;
    private final CreationsByReference erasureRecords;
    private final Clock clock;

    PersonalDataErasure(CadreRegistry registry, CommandGateway commands, EventStore eventStore, Clock clock) {
        this.registry = registry;
        this.erasureRecords = new CreationsByReference(commands, eventStore);
        this.clock = clock;
    }

    /** Erases the person; 404 (AggregateNotFoundException) if there is no such cadre. */
    public void erase(String cadreId, String principal) {
        if (!registry.erase(cadreId)) {
            throw new AggregateNotFoundException(cadreId, "no cadre " + cadreId);
        }
        // the cadre id is the reference: the erasure record is created once per person
        erasureRecords.create(cadreId, cadreId, new EraseCadrePersonalDataCommand(cadreId, principal, clock.instant()));
    }
}
