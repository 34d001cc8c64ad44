package cn.shuangcheng.support.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * 422 with one {@link FieldProblem} per failed constraint, whichever way Bean Validation ran: on a {@code @Valid}
 * body, on a handler's parameters, or through a {@code @Validated} bean. Each field is named as the client wrote it
 * (the JSON path of the body, the name of the query parameter, path variable or header), never the Java name.
 */
final class ValidationProblems {

    private static final Comparator<FieldProblem> BY_FIELD = Comparator.comparing(FieldProblem::field);

    private ValidationProblems() {
    }

    static ProblemDetail of(BindingResult result) {
        return validationFailed(objectErrors(result.getAllErrors()));
    }

    static ProblemDetail of(HandlerMethodValidationException ex) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                // a @Valid object (usually the body): its field paths are what the client sent
                errors.addAll(objectErrors(parameterErrors.getAllErrors()));
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
        return validationFailed(errors);
    }

    static ProblemDetail of(ConstraintViolationException ex) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            errors.add(new FieldProblem(violationPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(BY_FIELD);
        return validationFailed(errors);
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
        String detail = errors.size() == 1 ? Problems.text("problem.detail.fields-invalid-one")
                : Problems.text("problem.detail.fields-invalid-many", errors.size());
        return Problems.of(ProblemKind.VALIDATION, detail, errors);
    }

    private static List<FieldProblem> objectErrors(List<? extends ObjectError> objectErrors) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ObjectError error : objectErrors) {
            String field = error instanceof FieldError fieldError ? fieldError.getField() : "$";
            errors.add(new FieldProblem(field, error.getDefaultMessage()));
        }
        errors.sort(BY_FIELD);
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
}
