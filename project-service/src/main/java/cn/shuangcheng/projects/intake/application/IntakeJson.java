package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.support.web.bounds.FourDigitYears;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
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
 *       for an integer, no number for a text or an enum, no duplicate keys. The refusal names the field.</li>
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

    /** For whole bodies, read token by token; duplicate keys are found later, when a row is bound. */
    public static JsonFactory streamingFactory() {
        return JsonFactory.builder().streamReadConstraints(LIMITS).build();
    }

    /**
     * Binds one row to an {@link IntakeItem}: a REST row (already at most {@link IntakeBounds#MAX_ROW_TOKENS}
     * tokens) or a Kafka record's value, which is also bounded in length here.
     */
    static JsonMapper rowMapper() {
        StreamReadConstraints row = StreamReadConstraints.builder()
                .maxNestingDepth(IntakeBounds.MAX_DEPTH)
                .maxNumberLength(IntakeBounds.MAX_NUMBER)
                .maxStringLength(IntakeBounds.MAX_STRING)
                .maxNameLength(IntakeBounds.MAX_NAME)
                .maxDocumentLength(IntakeBounds.MAX_ROW_CHARS * 4L)
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(row)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return JsonMapper.builder(factory)
                .addModule(FourDigitYears.module())
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
