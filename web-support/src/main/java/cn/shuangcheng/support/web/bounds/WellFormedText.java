package cn.shuangcheng.support.web.bounds;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string of a body is well-formed Unicode. JSON can write half of a surrogate pair ({@code "\ud800"}), which
 * is no character at all: MongoDB's driver stores it as bytes that are not UTF-8 and reads it back as U+FFFD, so the
 * stored text would silently differ from the text the event carried to Kafka (a real MongoDB may refuse such bytes
 * in some operations). Such a string is refused with 400, naming the field, before anything is bound.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** Whether the text has no unpaired surrogate (null is well-formed: absence is checked elsewhere). */
    public static boolean holds(CharSequence text) {
        // codePoints() joins each pair into one code point and returns a lone half as itself
        return text == null || text.codePoints().noneMatch(WellFormedText::isLoneSurrogate);
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD, for text that is only passed on (a rejected row's
     * reference, a cell of a CSV file): an encoder would otherwise write {@code ?} or throw half way through a file.
     */
    public static String repaired(String text) {
        if (holds(text)) {
            return text;
        }
        return text.codePoints().map(c -> isLoneSurrogate(c) ? '\uFFFD' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The end of the text's first {@code maxChars} characters, one fewer where that would cut a pair in half. */
    public static int cutAt(CharSequence text, int maxChars) {
        int end = Math.min(text.length(), maxChars);
        return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    private static boolean isLoneSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    /** The Jackson module whose string reading refuses text with an unpaired surrogate. */
    public static JacksonModule module() {
        return new SimpleModule("well-formed-text").addDeserializer(String.class, new Checked());
    }

    /** Jackson's own reading of a string, then checked. */
    private static final class Checked extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (!holds(value)) {
                throw InvalidFormatException.from(parser, "not well-formed Unicode: half of a surrogate pair", value,
                        String.class);
            }
            return value;
        }
    }
}
