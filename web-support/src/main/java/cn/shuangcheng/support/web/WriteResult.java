package cn.shuangcheng.support.web;

/**
 * The body of every write answer: the id of the aggregate written and its version after the write
 * (the sequence number of its last event, starting at 0). The same version goes out as
 * {@code ETag: "<version>"} so a client can send it back in {@code If-Match}.
 */
public record WriteResult(String id, long version) {

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
