package cn.shuangcheng.support.web;

import java.util.Optional;

import org.springframework.http.ProblemDetail;

/**
 * Lets a module map exceptions of a framework this edge knows nothing about to a problem, without this module
 * depending on it: service-support maps Axon's concurrency, not-found and command-execution exceptions this way, so
 * that web-support (and the read service built on it) stays free of Axon. Declare one as a bean;
 * {@link ProblemExceptionHandler} asks every mapper, in order, before answering 500.
 */
public interface ProblemMapper {

    /** The problem for this exception, or empty if this mapper does not know it. */
    Optional<ProblemDetail> problemFor(Throwable exception);

    /** Whether this exception only wraps the one that matters (its cause), like Axon's CommandExecutionException. */
    default boolean isWrapper(Throwable exception) {
        return false;
    }
}
