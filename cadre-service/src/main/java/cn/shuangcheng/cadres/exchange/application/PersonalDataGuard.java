package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.kernel.RuleViolatedException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Free text goes into events, and events go to Kafka: a summary or reason that names the cadre would carry personal
 * data out of the registry, where an erasure cannot reach it. Such text is refused (422), and the answer does not
 * repeat the name.
 * <p>
 * Both sides are compared as a reader would read them, not as the bytes are: in the compatibility form (full-width
 * letters and digits as ASCII), in lower case, and without spaces, punctuation or invisible characters. So
 * {@code sc-2022-0417}, {@code ＳＣ－２０２２－０４１７} and {@code SC 2022 0417} all name {@code SC-2022-0417}, and
 * {@code 蒲 杰} names {@code 蒲杰}.
 */
final class PersonalDataGuard {

    /** Separators, punctuation (including the middle dot of transcribed names), control and format characters. */
    private static final Pattern IGNORED = Pattern.compile("[\\p{Z}\\p{P}\\p{Cc}\\p{Cf}\\s]+");

    private PersonalDataGuard() {
    }

    static void requireNoPersonalData(CadreIdentity cadre, String field, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String read = folded(text);
        if (contains(read, cadre.name()) || contains(read, cadre.personnelNo())) {
            throw new RuleViolatedException(field, "must not contain the cadre's name or personnel number: events "
                    + "are published and know the cadre only by cadreId");
        }
    }

    private static boolean contains(String foldedText, String personal) {
        if (personal == null) {
            return false;
        }
        String wanted = folded(personal);
        return !wanted.isEmpty() && foldedText.contains(wanted);
    }

    private static String folded(String text) {
        return IGNORED.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll("");
    }
}
