package cn.shuangcheng.projects.intake.web;

import org.springframework.http.MediaType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An intake batch's body as it is read once, as a stream: the idempotency hash (SHA-256 of the media type and every
 * byte) is taken as it passes, and what the parser leaves, or a refused body, is still read to its end.
 */
final class SubmittedBody {

    private final MessageDigest sha;
    private final InputStream stream;

    SubmittedBody(InputStream request, MediaType contentType) {
        this.sha = sha256(contentType);
        // the parsers close what they read; the rest of the body must still be read through the digest
        this.stream = new FilterInputStream(new DigestInputStream(request, sha)) {
            @Override
            public void close() {
                // left open: drained afterwards, closed by the container
            }
        };
    }

    InputStream stream() {
        return stream;
    }

    /** The hash of everything read so far: after {@link #drain}, of the whole body. */
    String hash() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads what the parser left (trailing white space, or the rest of a refused body) for the hash. */
    void drain() throws IOException {
        stream.transferTo(OutputStream.nullOutputStream());
    }

    /** A refused body is read to its end all the same, so that the client reads our answer, not a reset. */
    void drainQuietly() {
        try {
            drain();
        } catch (IOException | RuntimeException e) {
            // the answer is the refusal; a body that cannot even be read to its end changes nothing
        }
    }

    private static MessageDigest sha256(MediaType contentType) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(contentType.toString().getBytes(StandardCharsets.UTF_8));
            return sha;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
