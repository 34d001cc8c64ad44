package cn.shuangcheng.kernel;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.UUID;

/**
 * Aggregate ids derived from a natural key (a project's externalRef, a batch's number): a name-based UUID of the kind
 * and the key, the same on every instance and every day. Creating an aggregate under such an id makes the event
 * store's unique index on (aggregate id, sequence) the claim on the key: two concurrent creations of one key collide
 * on sequence 0 and only one is stored, with no look-up table that a crash could leave half-written.
 * <p>
 * The derivation is part of the stored data: changing {@code kind} or the encoding would give known keys new ids.
 */
public final class NaturalKeyIds {

    private NaturalKeyIds() {
    }

    /** The id of the aggregate of {@code kind} (e.g. {@code project}) whose natural key is {@code key}. */
    public static String of(String kind, String key) {
        return UUID.nameUUIDFromBytes(("shuangcheng:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id for a key a client may leave out: derived from the key when there is one, random when not. */
    public static String ofOptional(String kind, String key) {
        return key == null || key.isBlank() ? UUID.randomUUID().toString() : of(kind, key.strip());
    }

    /**
     * Whether a key names one thing however it was typed: Unicode NFKC, every code point a visible assigned character
     * or a space (no control, format, default-ignorable or private-use one), leading and trailing white space aside (it is stripped before the id is derived). Ids are derived
     * from the key as written, so {@code ＣＹ-2023-001} (full-width), a decomposed accent or a zero-width space would
     * otherwise give a second aggregate beside {@code CY-2023-001}.
     */
    public static boolean isCanonicalKey(String key) {
        String stripped = key.strip();
        return Normalizer.isNormalized(stripped, Normalizer.Form.NFKC)
                && stripped.codePoints().allMatch(NaturalKeyIds::isVisibleOrSpace);
    }

    private static boolean isVisibleOrSpace(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> !isInvisible(codePoint);
        };
    }

    /**
     * Unicode's default-ignorable code points that are not of a type refused above (variation selectors, the
     * combining grapheme joiner and the Hangul fillers are marks and letters), and the braille blank: each renders as
     * nothing, so a key with one looks like the key without it. DerivedCoreProperties.txt, Default_Ignorable_Code_Point.
     */
    private static boolean isInvisible(int codePoint) {
        return codePoint == 0x034F || codePoint == 0x115F || codePoint == 0x1160
                || (codePoint >= 0x17B4 && codePoint <= 0x17B5) || (codePoint >= 0x180B && codePoint <= 0x180F)
                || codePoint == 0x2800 || codePoint == 0x3164 || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || codePoint == 0xFFA0 || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF);
    }
}
