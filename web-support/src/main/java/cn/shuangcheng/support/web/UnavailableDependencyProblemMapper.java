package cn.shuangcheng.support.web;

import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * A request that met an unavailable dependency (see {@code cn.shuangcheng.support.outage}) is answered 503 with
 * {@code Retry-After}: nothing was changed, and the same request can be sent again once the dependency is back.
 * It is the service's state, not the caller's fault, and never a 500.
 */
public final class UnavailableDependencyProblemMapper implements ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(UnavailableDependencyProblemMapper.class);

    private final String dependency;
    private final Predicate<Throwable> isOutage;

    public UnavailableDependencyProblemMapper(String dependency, Predicate<Throwable> isOutage) {
        this.dependency = dependency;
        this.isOutage = isOutage;
    }

    @Override
    public Optional<ProblemDetail> problemFor(Throwable exception) {
        if (!isOutage.test(exception)) {
            return Optional.empty();
        }
        log.warn("Request answered 503: {} unavailable ({})", dependency, exception.toString());
        return Optional.of(Problems.of(ProblemKind.UNAVAILABLE, 
                Problems.text("problem.detail.dependency-unavailable", dependency)));
    }
}
