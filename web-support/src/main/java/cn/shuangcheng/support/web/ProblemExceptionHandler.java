package cn.shuangcheng.support.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
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
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every exception that leaves a controller into RFC 9457 problem+json with one of the
 * {@link ProblemKind} types. Spring MVC's own exceptions come through {@link ResponseEntityExceptionHandler}
 * (404 unknown route, 405, 415, missing parameters ...) and are normalised in
 * {@link #handleExceptionInternal}; body reading, validation and the domain's exceptions are mapped here, and
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
        if (causeOf(ex, RequestBodyTooLargeException.class) instanceof RequestBodyTooLargeException tooLarge) {
            return problem(RequestBodyLimitFilter.tooLarge(tooLarge.limitBytes()));
        }
        if (causeOf(ex, RuleViolatedException.class) instanceof RuleViolatedException rule) {
            JacksonException jackson = (JacksonException) causeOf(ex, JacksonException.class);
            String field = rule.field() != null ? rule.field() : jackson != null ? jsonPath(jackson) : null;
            return problem(ruleViolated(rule, field));
        }
        if (causeOf(ex, StreamConstraintsException.class) != null) {
            return problem(Problems.of(ProblemKind.MALFORMED_REQUEST, "The request body exceeds what one JSON body "
                    + "may hold: nesting, a number's digits, a string's or a name's length."));
        }
        if (causeOf(ex, InputCoercionException.class) instanceof InputCoercionException outOfRange) {
            String field = jsonPath(outOfRange);
            FieldProblem error = new FieldProblem(field.isEmpty() ? "$" : field, "is out of range");
            return problem(Problems.of(ProblemKind.INVALID_REQUEST,
                    "The request body has a value of the wrong type or format.", List.of(error)));
        }
        if (causeOf(ex, StreamReadException.class) instanceof StreamReadException unreadable) {
            boolean duplicate = unreadable.getOriginalMessage() != null
                    && unreadable.getOriginalMessage().startsWith("Duplicate");
            return problem(Problems.of(ProblemKind.MALFORMED_REQUEST, duplicate
                    ? "The request body names the same field twice in one object."
                    : "The request body is not well-formed JSON."));
        }
        if (causeOf(ex, DatabindException.class) instanceof DatabindException binding) {
            String field = jsonPath(binding);
            FieldProblem error = new FieldProblem(field.isEmpty() ? "$" : field, bindingMessage(binding));
            return problem(Problems.of(ProblemKind.INVALID_REQUEST,
                    "The request body has a value of the wrong type or format.", List.of(error)));
        }
        return problem(Problems.of(ProblemKind.MALFORMED_REQUEST, "The request body is missing or cannot be read."));
    }

    private static String bindingMessage(DatabindException binding) {
        if (binding instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (binding instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + describe(mismatched.getTargetType());
        }
        return "has an invalid value";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        String name = type.getSimpleName();
        return switch (name) {
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "YearMonth" -> "a month (YYYY-MM)";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 instant";
            default -> "a value of type " + name;
        };
    }

    /** The JSON path of the failing value in the API's notation: {@code investments[1].period}. */
    static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    // ---- bean validation: 422 with errors per field ----

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(validationFailed(bindingErrors(ex.getBindingResult(), "")));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                // a @Valid object (usually the body): its field paths are what the client sent
                errors.addAll(objectErrors(parameterErrors.getAllErrors(), ""));
            } else {
                String name = parameterName(result.getMethodParameter());
                if (result.getContainerIndex() != null) {
                    name += "[" + result.getContainerIndex() + "]";
                } else if (result.getContainerKey() != null) {
                    name += "[" + result.getContainerKey() + "]";
                }
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new FieldProblem(name, error.getDefaultMessage()));
                }
            }
        }
        for (MessageSourceResolvable error : ex.getCrossParameterValidationResults()) {
            errors.add(new FieldProblem("$", error.getDefaultMessage()));
        }
        return problem(validationFailed(errors));
    }

    /** Constraint violations from a {@code @Validated} controller (method validation through AOP). */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            errors.add(new FieldProblem(violationPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return problem(validationFailed(errors));
    }

    private static String violationPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue; // the Java method name means nothing to the client
            }
            if (node.getIndex() != null && !out.isEmpty()) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.isEmpty() ? "$" : out.toString();
    }

    private static ProblemDetail validationFailed(List<FieldProblem> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return Problems.of(ProblemKind.VALIDATION, detail, errors);
    }

    private static List<FieldProblem> bindingErrors(BindingResult result, String prefix) {
        return objectErrors(result.getAllErrors(), prefix);
    }

    private static List<FieldProblem> objectErrors(List<? extends ObjectError> objectErrors, String prefix) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ObjectError error : objectErrors) {
            String field = error instanceof FieldError fieldError ? prefix + fieldError.getField() : "$";
            errors.add(new FieldProblem(field, error.getDefaultMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return errors;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    // ---- parameters: missing or of the wrong type, 400 naming the parameter ----

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String message = required != null ? "must be " + describe(required) : "has an invalid value";
        return problem(Problems.of(ProblemKind.INVALID_REQUEST, "Parameter '" + name + "' has an invalid value.",
                List.of(new FieldProblem(name, message))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(ProblemKind.INVALID_REQUEST, "Parameter '" + ex.getParameterName() + "' is required.",
                List.of(new FieldProblem(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missingHeader) {
            return problem(Problems.of(ProblemKind.INVALID_REQUEST, "Header '" + missingHeader.getHeaderName() + "' is required.",
                    List.of(new FieldProblem(missingHeader.getHeaderName(), "is required"))));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @ExceptionHandler(MalformedIfMatchException.class)
    public ResponseEntity<Object> handleMalformedIfMatch(MalformedIfMatchException ex) {
        return problem(Problems.of(ProblemKind.INVALID_REQUEST, ex.getMessage(),
                List.of(new FieldProblem(IfMatch.HEADER, "must be a single version such as \"3\""))));
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    public ResponseEntity<Object> handleTooLarge(RequestBodyTooLargeException ex) {
        return problem(RequestBodyLimitFilter.tooLarge(ex.limitBytes()));
    }

    // ---- domain, and what the ProblemMapper beans know ----

    @ExceptionHandler({RuleViolatedException.class, StateConflictException.class})
    public ResponseEntity<Object> handleDomain(RuntimeException ex) {
        return problem(domainProblem(ex).orElseThrow());
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
        Optional<ProblemDetail> domain = domainProblem(cause);
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

    private static Optional<ProblemDetail> domainProblem(Throwable ex) {
        if (ex instanceof RuleViolatedException rule) {
            return Optional.of(ruleViolated(rule, rule.field()));
        }
        if (ex instanceof StateConflictException conflict) {
            return Optional.of(Problems.of(ProblemKind.STATE_CONFLICT, conflict.getMessage()));
        }
        if (ex instanceof MalformedIfMatchException malformed) {
            return Optional.of(Problems.of(ProblemKind.INVALID_REQUEST, malformed.getMessage()));
        }
        return Optional.empty();
    }

    private static ProblemDetail ruleViolated(RuleViolatedException rule, String field) {
        List<FieldProblem> errors = field == null || field.isEmpty()
                ? List.of() : List.of(new FieldProblem(field, rule.getMessage()));
        return Problems.of(ProblemKind.RULE_VIOLATED, rule.getMessage(), errors);
    }

    // ---- security exceptions thrown inside MVC (method security) ----

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return problem(Problems.of(ProblemKind.FORBIDDEN, "The token does not grant access to this resource."));
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return problem(Problems.of(ProblemKind.UNAUTHORIZED, "A valid bearer token is required."));
    }

    // ---- everything else ----

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception ex) {
        return mapped(ex).map(ProblemExceptionHandler::problem).orElseGet(() -> unexpectedProblem(ex));
    }

    private static ResponseEntity<Object> unexpectedProblem(Exception ex) {
        log.error("Unexpected exception answered with 500", ex);
        return problem(Problems.of(ProblemKind.INTERNAL,
                "The request could not be processed. Quote the X-Correlation-Id response header when reporting this."));
    }

    /** Gives the problems of Spring MVC's own exceptions our type URIs and titles. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemKind kind = ProblemKind.forStatus(statusCode.value());
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
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

    private static Throwable causeOf(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
