package cn.shuangcheng.projects.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies a partner system sends, as plain JSON maps so that tests can also break them. */
final class Proposals {

    private Proposals() {
    }

    /** A high-speed rail link between 成都市 and 重庆市渝北区, 692.73亿元. */
    static Map<String, Object> railLink(String externalRef) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalRef", externalRef);
        body.put("name", "成渝中线高铁");
        body.put("sector", "INFRASTRUCTURE");
        body.put("platform", "GAOZHU");
        body.put("regions", List.of("510100", "500112"));
        body.put("leadUnits", List.of("四川省发展改革委", "重庆市发展改革委"));
        body.put("totalInvestmentYuan", 69_273_000_000L);
        body.put("description", "新建重庆至成都中线高速铁路");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }
}
