package cn.shuangcheng.support.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;

/**
 * Turns every exception that leaves a controller into RFC 9457 problem+json with one of the
 * {@link ProblemKind} types. Spring MVC's own exceptions come through {@link ResponseEntityExceptionHandler}
 * (404 unknown route, 405, 415, missing parameters ...) and are normalised in
 * {@link #handleExceptionInternal}; an unreadable body ({@link UnreadableBodyProblems}), failed validation
 * ({@link ValidationProblems}) and the domain's exceptions ({@link DomainProblems}) are mapped by their own classes, and
 * exceptions of other frameworks (Axon's, in the write services) by the {@link ProblemMapper} beans, so that this
 * module does not depend on them. Unexpected exceptions are logged and answered with a 500 that says nothing about
 * them.
 *
 * <p>Ordered last: Spring MVC asks advice beans in order and takes the first that has any matching
 * handler, and this one matches every exception. A service that needs its own mapping for one of
 * its exception types declares its own {@code @RestControllerAdvice} (an advice from the service's
 * component scan is registered before this auto-configured one, or give it an {@code @Order}).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    /** A dependency's outage (503) is usually over within seconds: a failover, a broker restart. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final List<ProblemMapper> mappers;

    public ProblemExceptionHandler() {
        this(List.of());
    }

    public ProblemExceptionHandler(List<ProblemMapper> mappers) {
        this.mappers = List.copyOf(mappers);
    }

    // ---- body reading: malformed JSON, wrong types, unknown enum values, too large ----

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(UnreadableBodyProblems.of(ex));
    }

    // ---- bean validation: 422 with errors per field ----

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ValidationProblems.of(ex.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ValidationProblems.of(ex));
    }

    /** Constraint violations from a {@code @Validated} controller (method validation through AOP). */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        return problem(ValidationProblems.of(ex));
    }

    // ---- parameters: missing or of the wrong type, 400 naming the parameter ----

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String message = required != null ? UnreadableBodyProblems.mustBe(required)
                : Problems.text("problem.field.invalid");
        return problem(Problems.of(ProblemKind.INVALID_REQUEST, Problems.text("problem.detail.parameter-invalid", name),
                List.of(new FieldProblem(name, message))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(ProblemKind.INVALID_REQUEST,
                Problems.text("problem.detail.parameter-required", ex.getParameterName()),
                List.of(new FieldProblem(ex.getParameterName(), Problems.text("problem.field.required")))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missingHeader) {
            return problem(Problems.of(ProblemKind.INVALID_REQUEST,
                    Problems.text("problem.detail.header-required", missingHeader.getHeaderName()),
                    List.of(new FieldProblem(missingHeader.getHeaderName(), Problems.text("problem.field.required")))));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @ExceptionHandler(MalformedIfMatchException.class)
    public ResponseEntity<Object> handleMalformedIfMatch(MalformedIfMatchException ex) {
        return problem(Problems.of(ProblemKind.INVALID_REQUEST, ex.getMessage(),
                List.of(new FieldProblem(IfMatch.HEADER, Problems.text("problem.field.if-match")))));
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    public ResponseEntity<Object> handleTooLarge(RequestBodyTooLargeException ex) {
        return problem(RequestBodyLimitFilter.tooLarge(ex.limitBytes()));
    }

    // ---- domain, and what the ProblemMapper beans know ----

    @ExceptionHandler({RuleViolatedException.class, StateConflictException.class})
    public ResponseEntity<Object> handleDomain(RuntimeException ex) {
        return problem(DomainProblems.of(ex).orElseThrow());
    }

    /**
     * A controller that joins a CompletableFuture sees the exception in a CompletionException, and a framework may
     * wrap it in its own (a mapper says which). The client must get the answer for the cause, not a 500.
     */
    @ExceptionHandler({CompletionException.class, ExecutionException.class,
            UndeclaredThrowableException.class, InvocationTargetException.class})
    public ResponseEntity<Object> handleWrapped(Exception ex) {
        return mapped(ex).map(ProblemExceptionHandler::problem).orElseGet(() -> unexpectedProblem(ex));
    }

    private Optional<ProblemDetail> mapped(Throwable ex) {
        Throwable cause = ex;
        while (isWrapper(cause) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        Optional<ProblemDetail> domain = DomainProblems.of(cause);
        if (domain.isPresent()) {
            return domain;
        }
        for (ProblemMapper mapper : mappers) {
            Optional<ProblemDetail> problem = mapper.problemFor(cause);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private boolean isWrapper(Throwable t) {
        return t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UndeclaredThrowableException || t instanceof InvocationTargetException
                || mappers.stream().anyMatch(mapper -> mapper.isWrapper(t));
    }

    // ---- security exceptions thrown inside MVC (method security) ----

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return problem(Problems.of(ProblemKind.FORBIDDEN, Problems.text("problem.detail.no-access")));
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return problem(Problems.of(ProblemKind.UNAUTHORIZED, Problems.text("problem.detail.valid-token-required")));
    }

    // ---- everything else ----

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception ex) {
        return mapped(ex).map(ProblemExceptionHandler::problem).orElseGet(() -> unexpectedProblem(ex));
    }

    private static ResponseEntity<Object> unexpectedProblem(Exception ex) {
        log.error("Unexpected exception answered with 500", ex);
        return problem(Problems.of(ProblemKind.INTERNAL, Problems.text("problem.detail.internal")));
    }

    /** Gives the problems of Spring MVC's own exceptions our type URIs and titles. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemKind kind = ProblemKind.forStatus(statusCode.value());
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        problem.setType(kind.type());
        problem.setTitle(ProblemMessages.title(kind));
        if (statusCode.is5xxServerError()) {
            log.error("Request failed with {}", statusCode.value(), ex);
            problem.setDetail(null);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, problem, headers, statusCode, request);
        return response == null ? null : withProblemContentType(response);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        log.debug("Request answered with {}: {}", problem.getStatus(), problem.getDetail());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == ProblemKind.UNAVAILABLE.status()) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.body(problem);
    }

    private static ResponseEntity<Object> withProblemContentType(ResponseEntity<Object> response) {
        if (!(response.getBody() instanceof ProblemDetail) || response.getHeaders().getContentType() != null) {
            return response;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }
}
