package cn.shuangcheng.cadres.erasure;

import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * however often the person is erased ({@code CadreErasure}).
 */
@Component
public class PersonalDataErasure {

    private final CadreRegistry registry;
    private final CommandGateway commands;
    private final Clock clock;

    PersonalDataErasure(CadreRegistry registry, CommandGateway commands, Clock clock) {
        this.registry = registry;
        this.commands = commands;
        this.clock = clock;
    }

    /** Erases the person; 404 (AggregateNotFoundException) if there is no such cadre. */
    public void erase(String cadreId, String principal) {
        if (!registry.erase(cadreId)) {
            throw new AggregateNotFoundException(cadreId, "no cadre " + cadreId);
        }
        try {
            commands.sendAndWait(new EraseCadrePersonalDataCommand(cadreId, principal, clock.instant()));
        } catch (RuntimeException e) {
            if (!causedBy(e, ConcurrencyException.class) && !causedBy(e, AggregateStreamCreationException.class)) {
                throw e;
            }
            // a concurrent erasure of the same person stored the event first
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
