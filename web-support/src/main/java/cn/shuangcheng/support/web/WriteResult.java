package cn.shuangcheng.support.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every write answer: the id of the aggregate written and its version after the write
 * (the sequence number of its last event, starting at 0). The same version goes out as
 * {@code ETag: "<version>"} so a client can send it back in {@code If-Match}.
 */
@Schema(description = "The answer of every write: the aggregate written and its version after the write")
public record WriteResult(
        @Schema(description = "The aggregate's id", example = "3cd5d35f-a104-3e87-9576-e7a30ef1994c",
                requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "The version after the write (0 after the first event); also sent as ETag",
                example = "0", requiredMode = Schema.RequiredMode.REQUIRED) long version) {

    public WriteResult {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The entity tag for this version, as the API sends it in ETag and expects in If-Match. */
    public String entityTag() {
        return "\"" + version + "\"";
    }
}
