package cn.shuangcheng.reporting.ingestion.mongo;

import org.bson.BsonBinaryWriter;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import com.mongodb.MongoClientSettings;

/**
 * MongoDB's limit on one document, checked on a folded read-model document before anything of its batch is written.
 * Written first, the events of an aggregate whose document then could not be written stayed stored: every later event
 * of it was folded with them, failed the same way and was parked, and the document never changed again. Refused
 * here, the event that would overgrow the document is parked unstored (the batch is applied one event at a time) and
 * the aggregate goes on without it.
 */
final class DocumentSize {

    /** 16 MiB, less room for the write command around the document. */
    static final int MAX_BYTES = 16 * 1024 * 1024 - 16 * 1024;
    private static final DocumentCodec CODEC = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

    private DocumentSize() {
    }

    static void requireStorable(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        if (buffer.getPosition() > MAX_BYTES) {
            throw new BsonMaximumSizeExceededException("the read-model document of " + document.get("_id")
                    + " would be " + buffer.getPosition() + " bytes, over MongoDB's 16 MB: the event is not applied");
        }
    }
}
