package cn.shuangcheng.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;

/**
 * Shows an {@link ExpectedVersion} parameter as what the client sends, the optional {@code If-Match} header, instead
 * of the query parameter springdoc would guess from a {@code Long}.
 */
public class ExpectedVersionApiDocs implements GlobalOperationCustomizer {

    static {
        SpringDocUtils.getConfig().addAnnotationsToIgnore(ExpectedVersion.class);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean expectsVersion = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(ExpectedVersion.class));
        if (expectsVersion) {
            operation.addParametersItem(new HeaderParameter().name(IfMatch.HEADER).required(false)
                    .schema(new StringSchema()));
        }
        return operation;
    }
}
