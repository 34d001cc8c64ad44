package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.cadres.exchange.domain.SecondmentTerm;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A secondment's current period, read through the aggregate from the event store: the truth, not the read model, which lags. Read by the
 * {@link OverlapRule} after the person's reserved periods, so that every change of the person's periods is either
 * stored, failed or still reserved.
 */
@Component
record SecondmentPeriods(Supplier<Repository<Secondment>> secondments) {

    @Autowired
    SecondmentPeriods(Configuration axon) {
        this(() -> axon.repository(Secondment.class)); // looked up when asked: Axon builds it after this bean
    }

    /**
     * Empty when no such secondment was stored (e.g. its registration failed after the registry noted it). The
     * secondment itself answers ({@link Secondment#term()}): its period is decided in one place.
     */
    Optional<Period> of(String secondmentId) {
        try {
            SecondmentTerm term = AggregateReads.read(secondments.get(), secondmentId,
                    Secondment::term).answer();
            return Optional.of(new Period(secondmentId, term.startOn(), term.endOn()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
