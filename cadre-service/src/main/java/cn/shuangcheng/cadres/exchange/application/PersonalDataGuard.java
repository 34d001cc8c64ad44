package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.kernel.RuleViolatedException;

/**
 * Free text goes into events, and events go to Kafka: a summary or reason that names the cadre would carry personal
 * data out of the registry. Such text is refused (422), and the answer does not repeat the name.
 */
final class PersonalDataGuard {

    private PersonalDataGuard() {
    }

    static void requireNoPersonalData(CadreIdentity cadre, String field, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (contains(text, cadre.name()) || contains(text, cadre.personnelNo())) {
            throw new RuleViolatedException(field, "must not contain the cadre's name or personnel number: events "
                    + "are published and know the cadre only by cadreId");
        }
    }

    private static boolean contains(String text, String personal) {
        return personal != null && !personal.isBlank() && text.contains(personal.strip());
    }
}
