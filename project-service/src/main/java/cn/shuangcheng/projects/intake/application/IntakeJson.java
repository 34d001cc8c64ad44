package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.support.web.bounds.FourDigitYears;
import cn.shuangcheng.support.web.bounds.WellFormedText;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON rules of intake, stricter than Jackson's defaults because an intake system's data is untrusted:
 * <ul>
 *   <li>the parser's limits ({@link IntakeBounds}): nesting, number, string and name lengths, so that no single
 *       token can take much memory or time (a number is never evaluated beyond 40 digits);</li>
 *   <li>a value of the wrong type is refused, not coerced: no {@code "12"} or {@code 1.5} or {@code 1e999999999}
 *       for an integer, no number for a text or an enum, no duplicate keys, no text with half of a surrogate pair
 *       ({@link WellFormedText}). The refusal names the field.</li>
 * </ul>
 * Fields the item does not know are ignored: a resent CSV of rejected rows carries an {@code errors} column.
 */
public final class IntakeJson {

    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(IntakeBounds.MAX_DEPTH)
            .maxNumberLength(IntakeBounds.MAX_NUMBER)
            .maxStringLength(IntakeBounds.MAX_STRING)
            .maxNameLength(IntakeBounds.MAX_NAME)
            .build();

    private IntakeJson() {
    }

    /**
     * For whole bodies, read token by token; duplicate keys are found later, when a row is bound. A row copied to
     * text writes every surrogate as its JSON escape ({@link SurrogateEscapes}).
     */
    public static JsonFactory streamingFactory() {
        return JsonFactory.builder().streamReadConstraints(LIMITS).characterEscapes(new SurrogateEscapes()).build();
    }

    /**
     * Rows are stored in MongoDB before they are bound, and MongoDB's driver stores half of a surrogate pair as bytes
     * that are not UTF-8 and reads them back as U+FFFD: the row would be bound with text its sender never wrote.
     * Escaped, the half survives as ASCII, and binding refuses it naming the field ({@link WellFormedText}); a whole
     * pair, escaped half by half, reads back as the character it was.
     */
    private static final class SurrogateEscapes extends CharacterEscapes {

        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /**
     * Binds one row to an {@link IntakeItem}: a REST row (already at most {@link IntakeBounds#MAX_ROW_TOKENS}
     * tokens) or a Kafka record's value, which is bounded here in length and to the same number of tokens.
     */
    static JsonMapper rowMapper() {
        StreamReadConstraints row = StreamReadConstraints.builder()
                .maxNestingDepth(IntakeBounds.MAX_DEPTH)
                .maxNumberLength(IntakeBounds.MAX_NUMBER)
                .maxStringLength(IntakeBounds.MAX_STRING)
                .maxNameLength(IntakeBounds.MAX_NAME)
                .maxDocumentLength(IntakeBounds.MAX_ROW_CHARS * 4L)
                // a Kafka record is held to a REST row's count: 100,000 blank regions break one rule each, and
                // each broken rule is an object held until the rejection is written
                .maxTokenCount(IntakeBounds.MAX_ROW_TOKENS)
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(row)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return JsonMapper.builder(factory)
                .addModule(FourDigitYears.module())
                .addModule(WellFormedText.module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }
}
