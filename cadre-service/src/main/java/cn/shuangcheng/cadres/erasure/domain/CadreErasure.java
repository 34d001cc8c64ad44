package cn.shuangcheng.cadres.erasure.domain;

import cn.shuangcheng.cadres.erasure.api.CadrePersonalDataErased;
import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The audit record of one person's erasure, keyed by the cadreId: created by the first erasure, which it records as
 * {@link CadrePersonalDataErased}, and never changed. A later erasure of the same person finds it and records
 * nothing (the caller, {@code PersonalDataErasure}, creates it at most once); two concurrent first erasures collide
 * on the event store's unique (aggregate, sequence) index, so the event is stored once.
 */
public class CadreErasure {

    @AggregateIdentifier
    private String cadreId;

    protected CadreErasure() {
        // for Axon: rebuilt from its event
    }

    /** Answers the version (0), as every creation does. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(EraseCadrePersonalDataCommand command) {
        apply(new CadrePersonalDataErased(command.cadreId(), command.principal(), command.erasedAt()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(CadrePersonalDataErased event) {
        cadreId = event.cadreId();
    }
}
