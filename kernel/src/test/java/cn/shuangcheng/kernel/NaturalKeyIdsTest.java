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
}
