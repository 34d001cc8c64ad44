package cn.shuangcheng.support.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The answers of write endpoints, as docs/api-guide.md ("Writes, versions and concurrency") fixes them: 201 with
 * {@code Location} for a create, 200 (or 202) otherwise, always {@code {"id", "version"}} and
 * {@code ETag: "<version>"}.
 *
 * <p>A controller uses it together with {@link IfMatch}:
 *
 * <pre>{@code
 * @PostMapping("/api/v1/projects")
 * ResponseEntity<WriteResult> propose(@Valid @RequestBody ProposeProject body) {
 *     WriteResult result = ...;                       // id and version the command handler returned
 *     return WriteResponses.created(result);           // 201, Location: /api/v1/projects/{id}
 * }
 *
 * @PostMapping("/api/v1/projects/{id}/start")
 * ResponseEntity<WriteResult> start(@PathVariable String id,
 *                                   @ExpectedVersion Long expected,  // If-Match; null: no precondition; malformed: 400
 *                                   @Valid @RequestBody StartProject body) {
 *     // pass it on in the command's @TargetAggregateVersion field: a stale version makes Axon
 *     // throw ConflictingAggregateVersionException, which the edge answers with 409
 *     long version = commandGateway.sendAndWait(new StartProjectCommand(id, expected, body.startedOn()));
 *     return WriteResponses.ok(new WriteResult(id, version));
 * }
 * }</pre>
 */
public final class WriteResponses {

    private WriteResponses() {
    }

    /** 201 with {@code Location} = the current request URI + {@code /{id}} (POST on a collection). */
    public static ResponseEntity<WriteResult> created(WriteResult result) {
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(result.id())
                .toUri();
        return created(location, result);
    }

    /** 201 with the given {@code Location}, for resources that do not live under the request URI. */
    public static ResponseEntity<WriteResult> created(URI location, WriteResult result) {
        return ResponseEntity.created(location).eTag(result.entityTag()).body(result);
    }

    /** 200: the write changed (or confirmed) an existing resource. */
    public static ResponseEntity<WriteResult> ok(WriteResult result) {
        return ResponseEntity.ok().eTag(result.entityTag()).body(result);
    }

    /** 202: accepted for processing that finishes later (e.g. an intake batch). */
    public static ResponseEntity<WriteResult> accepted(WriteResult result) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).eTag(result.entityTag()).body(result);
    }
}
