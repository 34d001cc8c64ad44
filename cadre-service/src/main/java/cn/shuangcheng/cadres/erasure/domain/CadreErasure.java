package cn.shuangcheng.cadres.erasure.domain;

import cn.shuangcheng.cadres.erasure.api.CadrePersonalDataErased;
import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The audit trail of one person's erasure, keyed by the cadreId: created by the first erasure, which it records as
 * {@link CadrePersonalDataErased}; every later erasure of the same person records nothing (the DELETE is idempotent,
 * and there is nothing more to erase). Two concurrent first erasures collide on the event store's unique aggregate
 * sequence, so the event is stored once.
 */
public class CadreErasure {

    @AggregateIdentifier
    private String cadreId;
    private boolean erased;

    protected CadreErasure() {
        // for Axon: rebuilt from its events, or created by the first erasure
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EraseCadrePersonalDataCommand command) {
        if (!erased) {
            apply(new CadrePersonalDataErased(command.cadreId(), command.principal(), command.erasedAt()));
        }
    }

    @EventSourcingHandler
    void on(CadrePersonalDataErased event) {
        cadreId = event.cadreId();
        erased = true;
    }
}
