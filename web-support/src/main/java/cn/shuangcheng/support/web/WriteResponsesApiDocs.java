package cn.shuangcheng.support.web;

import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Documents the answers of every write as they are sent ({@link WriteResponses}): a {@link CreatesResource} write
 * answers 201 with {@code Location} and {@code ETag} (and 200 for an idempotent one whose resource exists), any other
 * write 200 with {@code ETag}; the body is always {@link WriteResult}. springdoc alone would say "200 OK" for all.
 * A {@link VersionedRead} answers 200 with {@code ETag}: the version to send back as {@code If-Match}.
 */
public class WriteResponsesApiDocs implements GlobalOperationCustomizer {

    private static final String WRITE_RESULT = "#/components/schemas/WriteResult";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(VersionedRead.class) && operation.getResponses() != null
                && operation.getResponses().get("200") != null) {
            operation.getResponses().get("200").addHeaderObject("ETag", etag());
            return operation;
        }
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        if (!ResponseEntity.class.equals(returned.resolve())
                || !WriteResult.class.equals(returned.getGeneric(0).resolve())) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        responses.remove("200");
        CreatesResource creates = handler.getMethodAnnotation(CreatesResource.class);
        if (creates != null) {
            responses.addApiResponse("201", written("Created: the new resource's id and version; Location leads to it "
                    + "(a GET there answers it), ETag is its version").addHeaderObject("Location", new Header()
                    .description("Where the new resource can be read").schema(new StringSchema().format("uri"))));
            if (creates.idempotent()) {
                responses.addApiResponse("200", written("The externalRef is known: the existing resource's id and its "
                        + "current version; nothing was created"));
            }
        } else {
            responses.addApiResponse("200", written("Done: the id and the version after the write (also as ETag)"));
        }
        return operation;
    }

    private static ApiResponse written(String description) {
        return new ApiResponse().description(description)
                .addHeaderObject("ETag", etag())
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(WRITE_RESULT))));
    }

    private static Header etag() {
        return new Header().description("The version, e.g. \"3\": send it back as If-Match")
                .schema(new StringSchema().example("\"0\""));
    }
}
