package cn.shuangcheng.cadres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.shuangcheng.support.testing.Api;

/**
 * What most tests send first, as the joint office's clerk: a 2024 batch with 50 places a direction, and a Chongqing
 * cadre's secondment to Sichuan's development and reform commission starting on the batch's dispatch day.
 */
final class Exchanges {

    private Exchanges() {
    }

    static void createBatch(Api api, int number) {
        Api.Answer batch = api.post("/api/v1/batches").token(Tokens.clerk()).json(Map.of("number", number,
                "year", 2024, "dispatchedOn", "2024-03-01", "quotaPerDirection", 50)).send();
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(201);
    }

    /** @return the new secondment's id */
    static String register(Api api, int batch, String name, String personnelNo, String homeRegion) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("batchNumber", batch);
        registration.put("cadre", Map.of("name", name, "personnelNo", personnelNo));
        registration.put("direction", "CHONGQING_TO_SICHUAN");
        registration.put("homeUnit", "重庆市发展改革委");
        registration.put("homeRegion", homeRegion);
        registration.put("hostUnit", "四川省发展改革委");
        registration.put("hostRegion", "510100");
        registration.put("hostPost", "挂任处长");
        registration.put("startOn", "2024-03-01");
        Api.Answer registered = api.post("/api/v1/secondments").token(Tokens.clerk()).json(registration).send();
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return registered.id();
    }
}
