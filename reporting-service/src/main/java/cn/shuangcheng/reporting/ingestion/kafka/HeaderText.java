package cn.shuangcheng.reporting.ingestion.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading a record's headers as whoever wrote the topic left them: absent, or present without a value. */
final class HeaderText {

    private HeaderText() {
    }

    /** The last header of the name as UTF-8 text; empty when it is absent or has no value (Kafka allows null). */
    static Optional<String> text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
