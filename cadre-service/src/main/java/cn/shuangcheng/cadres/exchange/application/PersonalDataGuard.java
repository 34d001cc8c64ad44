package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.kernel.RuleViolatedException;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Free text goes into events, and events go to Kafka: a summary or reason that names the cadre would carry personal
 * data out of the registry, where an erasure cannot reach it. Such text is refused (422), and the answer does not
 * repeat the name.
 * <p>
 * The text is read as a reader would read it, not byte by byte: both sides in the compatibility form (full-width
 * letters and digits as ASCII) and in lower case; where the name or number has a separator (SC-2022-0417), or
 * passes from letters to digits (SC20220417), any separators or symbols or none may stand there (SC 2022 0417,
 * sc20220417, SC−2022−0417); and between two characters of a name written in Chinese, spaces, invisible characters
 * and dots may stand (蒲 杰, 蒲·杰). Nothing else is skipped, so the characters of neighbouring words do not run
 * together: 周平 is not in 本周，平均, nor 20220417 in 2022-04-17.
 */
final class PersonalDataGuard {

    /** Separators, punctuation, symbols, control and invisible characters. */
    private static final String SEPARATOR = "[\\p{Z}\\p{P}\\p{S}\\p{Cc}\\p{Cf}\\s]";
    /** Where a name or number has one, a reader passes over any of these or none. */
    private static final String SEPARATORS = SEPARATOR + "*";
    /** Between two characters of a name written in Chinese: spacing, invisible characters, dots. */
    private static final String SPACING = "[\\p{Z}\\p{Cf}\\s\u00b7\u30fb\u2027\u2022\u2219]*";
    /** Where a name or number is cut into parts: at its separators, and where letters give way to digits. */
    private static final Pattern PART_BOUNDARY = Pattern.compile(
            SEPARATOR + "+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])");
    /** A longer value is not expanded into a pattern (NFKC can make one character eighteen): compared as it is. */
    private static final int MAX_PATTERN_CHARS = 200;

    private PersonalDataGuard() {
    }

    static void requireNoPersonalData(CadreIdentity cadre, String field, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String read = readable(text);
        if (names(read, cadre.name()) || names(read, cadre.personnelNo())) {
            throw new RuleViolatedException(field, "must not contain the cadre's name or personnel number: events "
                    + "are published and know the cadre only by cadreId");
        }
    }

    private static boolean names(String readableText, String personal) {
        if (personal == null) {
            return false;
        }
        String value = readable(personal).strip();
        if (value.length() > MAX_PATTERN_CHARS) {
            return readableText.contains(value);
        }
        String[] parts = Arrays.stream(PART_BOUNDARY.split(value)).filter(p -> !p.isEmpty())
                .toArray(String[]::new);
        if (parts.length == 0) {
            return !value.isEmpty() && readableText.contains(value);
        }
        String pattern = Arrays.stream(parts).map(PersonalDataGuard::part).collect(Collectors.joining(SEPARATORS));
        return Pattern.compile(pattern).matcher(readableText).find();
    }

    /** One part, character by character: spacing may stand only between two characters that are not ASCII. */
    private static String part(String part) {
        StringBuilder pattern = new StringBuilder();
        int[] characters = part.codePoints().toArray();
        for (int i = 0; i < characters.length; i++) {
            if (i > 0 && !isAscii(characters[i - 1]) && !isAscii(characters[i])) {
                pattern.append(SPACING);
            }
            pattern.append(Pattern.quote(Character.toString(characters[i])));
        }
        return pattern.toString();
    }

    private static boolean isAscii(int character) {
        return character < 0x80;
    }

    private static String readable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
