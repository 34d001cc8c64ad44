package cn.shuangcheng.support.web;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * Describes what the edge adds to every operation, whatever the service's own OpenAPI bean says:
 * the bearer JWT security scheme (required everywhere), the {@code Problem} schema, and the
 * problem+json error answers an operation can give: 400/401/403 and 503 (with Retry-After, while MongoDB or
 * Kafka is down) always, 413/415 when it takes a body, 422 when it takes a body or query parameters, 404 when its
 * path names a resource, 409 for writes. No 500: no input is answered with one. Responses a controller documents
 * itself are left alone.
 */
public class ProblemApiDocsCustomizer implements GlobalOpenApiCustomizer {

    public static final String SECURITY_SCHEME = "bearer-jwt";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final String FIELD_PROBLEM_SCHEMA = "FieldProblem";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final Set<PathItem.HttpMethod> WRITES =
            EnumSet.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private static final Map<Integer, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(400, "Malformed request, or a value of the wrong type or format (`errors` names the fields)");
        DESCRIPTIONS.put(401, "No bearer token, or an invalid or expired one");
        DESCRIPTIONS.put(403, "The token lacks the scope this operation needs");
        DESCRIPTIONS.put(404, "No resource with this id");
        DESCRIPTIONS.put(409, "State conflict, or the resource changed since the version sent in If-Match");
        DESCRIPTIONS.put(413, "Request body too large");
        DESCRIPTIONS.put(415, "Unsupported Content-Type");
        DESCRIPTIONS.put(422, "Validation failed (`errors` per field) or a business rule was violated");
        DESCRIPTIONS.put(503, "MongoDB or Kafka is unavailable: nothing was changed; send the same request again after "
                + "Retry-After seconds");
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("OAuth2 access token (JWT). Scopes: projects:write, cadres:write, intake:submit, "
                        + "reports:read, cadres:pii, reports:admin, deadletters:admin."));
        components.addSchemas(FIELD_PROBLEM_SCHEMA, fieldProblemSchema());
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        DESCRIPTIONS.forEach((status, description) ->
                components.addResponses(responseName(status), problemResponse(description)));
        components.getResponses().get(responseName(503)).addHeaderObject("Retry-After", new Header()
                .description("Seconds to wait before sending the request again").schema(new StringSchema().example("5")));
        if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
            openApi.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        }
        if (openApi.getTags() != null) {
            // springdoc lists tags in the order it met the controllers; sorted, the document is the same every run
            openApi.setTags(openApi.getTags().stream().sorted(Comparator.comparing(Tag::getName)).toList());
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> addErrorResponses(path, method, operation)));
    }

    private static void addErrorResponses(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        add(responses, 400);
        add(responses, 401);
        add(responses, 403);
        if (path.contains("{")) {
            add(responses, 404);
        }
        if (WRITES.contains(method)) {
            add(responses, 409);
        }
        if (operation.getRequestBody() != null) {
            add(responses, 413);
            add(responses, 415);
        }
        if (operation.getRequestBody() != null || hasQueryParameters(operation)) {
            add(responses, 422); // rules and bounds: of a body, or of a query (a page beyond 10,000, a month's year)
        }
        add(responses, 503);
    }

    private static boolean hasQueryParameters(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "query".equals(parameter.getIn()));
    }

    private static void add(ApiResponses responses, int status) {
        responses.putIfAbsent(String.valueOf(status), new ApiResponse().$ref("#/components/responses/" + responseName(status)));
    }

    private static String responseName(int status) {
        return PROBLEM_SCHEMA + status;
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description)
                .addHeaderObject("Content-Language", new Header().description("The language of title, detail and the "
                        + "errors' messages: zh-CN or en (see Accept-Language)").schema(new StringSchema().example("zh-CN")))
                .content(new Content()
                .addMediaType(PROBLEM_MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema schema = new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("urn:shuangcheng:problem:validation")
                        .description("Stable identifier of the kind of problem (urn:shuangcheng:problem:*)"))
                .addProperty("title", new StringSchema().example("Validation failed").description("The same for every "
                        + "occurrence of the type, in the language of Content-Language: Simplified Chinese (zh-CN) when "
                        + "Accept-Language asks for Chinese, else English (en)"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("1 field is invalid."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM_SCHEMA))
                        .description("Per-field errors (validation and type errors)"));
        schema.addRequiredItem("type");
        schema.addRequiredItem("title");
        schema.addRequiredItem("status");
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> fieldProblemSchema() {
        Schema schema = new ObjectSchema()
                .addProperty("field", new StringSchema().example("regions[1]"))
                .addProperty("message", new StringSchema().example("must be a six-digit region code"));
        schema.addRequiredItem("field");
        schema.addRequiredItem("message");
        return schema;
    }
}
