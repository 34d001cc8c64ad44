package cn.shuangcheng.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NaturalKeyIdsTest {

    /**
     * Stored aggregates carry these ids: the derivation may never change. The expected values were computed outside
     * Java (MD5 name-based UUID, version 3, of "shuangcheng:&lt;kind&gt;:&lt;key&gt;").
     */
    @Test
    void the_ids_of_known_keys_never_change() {
        assertThat(NaturalKeyIds.of("project", "CQ-2023-001")).isEqualTo("1eece3cb-01a5-3505-81bf-e2a97b0d5d36");
        assertThat(NaturalKeyIds.of("cadre-batch", "5")).isEqualTo("50387f12-a9d3-3b5d-9b71-6b6d35de5f4c");
    }

    @Test
    void one_key_gives_one_id_and_the_kind_keeps_kinds_apart() {
        assertThat(NaturalKeyIds.ofOptional("project", " CQ-2023-001 ")).isEqualTo(NaturalKeyIds.of("project", "CQ-2023-001"));
        assertThat(NaturalKeyIds.of("agenda-item", "CQ-2023-001")).isNotEqualTo(NaturalKeyIds.of("project", "CQ-2023-001"));
    }

    @Test
    void without_a_key_every_id_is_new() {
        assertThat(NaturalKeyIds.ofOptional("project", null)).isNotEqualTo(NaturalKeyIds.ofOptional("project", null));
        assertThat(NaturalKeyIds.ofOptional("project", "  ")).isNotEqualTo(NaturalKeyIds.ofOptional("project", "  "));
    }

    @Test
    void a_key_is_canonical_only_when_it_cannot_be_typed_another_way() {
        assertThat(NaturalKeyIds.isCanonicalKey("CY-2023-001")).isTrue();
        assertThat(NaturalKeyIds.isCanonicalKey(" CY-2023-001 ")).as("stripped before the id is derived").isTrue();
        assertThat(NaturalKeyIds.isCanonicalKey("成渝中线-2023 001")).isTrue();
        assertThat(NaturalKeyIds.isCanonicalKey("Café")).as("composed").isTrue();

        assertThat(NaturalKeyIds.isCanonicalKey("ＣＹ-2023-001")).as("full-width").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("Cafe\u0301")).as("decomposed").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("CY\u3000001")).as("ideographic space").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("CY-\u200B2023")).as("zero-width space").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("CY-\u00002023")).as("control").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("CY-\uE0002023")).as("private use").isFalse();
        assertThat(NaturalKeyIds.isCanonicalKey("CY-\uD8002023")).as("lone surrogate").isFalse();
        // default-ignorable, yet marks or letters: found by the review of this rule
        for (String invisible : java.util.List.of("\uFE0F", "\u034F", "\u115F", "\u180B", "\u2800", "\u3164",
                "\uFFA0", new String(Character.toChars(0xE0101)))) {
            assertThat(NaturalKeyIds.isCanonicalKey("CY-2023-001" + invisible)).as("U+%04X",
                    invisible.codePointAt(0)).isFalse();
        }
    }
}
