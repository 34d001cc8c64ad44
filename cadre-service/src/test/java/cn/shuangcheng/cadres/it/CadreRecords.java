package cn.shuangcheng.cadres.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reading the cadre topic's records in tests: a header's value, and a whole record as text to search. */
final class CadreRecords {

    private CadreRecords() {
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Key, value and every header (key=value) as one string, to search for personal data. */
    static String asText(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder(record.key()).append(new String(record.value(), StandardCharsets.UTF_8));
        for (Header h : record.headers()) {
            all.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
