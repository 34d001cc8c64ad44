package cn.shuangcheng.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.util.Arrays;

/**
 * Shows an {@link ExpectedVersion} parameter as what the client sends, the optional {@code If-Match} header, instead
 * of the query parameter springdoc would guess from a {@code Long}; and an {@link IdempotentRequest} parameter as the
 * optional {@code Idempotency-Key} header.
 */
public class WriteHeadersApiDocs implements GlobalOperationCustomizer {

    static {
        SpringDocUtils.getConfig().addAnnotationsToIgnore(ExpectedVersion.class, IdempotentRequest.class);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (has(handler, ExpectedVersion.class)) {
            operation.addParametersItem(new HeaderParameter().name(IfMatch.HEADER).required(false)
                    .schema(new StringSchema()));
        }
        if (has(handler, IdempotentRequest.class)) {
            operation.addParametersItem(new HeaderParameter().name(WriteHeaderResolver.IDEMPOTENCY_KEY).required(false)
                    .description("Optional: a key of the caller's choosing (a UUID will do), new for each request "
                            + "and the same when this request is sent again: the request sent again is answered "
                            + "as the first time and changes nothing; the same key with another request is 422. "
                            + "Where the operation says so (an externalRef in the body), the body's reference "
                            + "decides instead and the key is not looked at")
                    .schema(new StringSchema().minLength(1).maxLength(WriteHeaderResolver.MAX_KEY_LENGTH)));
        }
        return operation;
    }

    private static boolean has(HandlerMethod handler, Class<? extends Annotation> annotation) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(annotation));
    }
}
