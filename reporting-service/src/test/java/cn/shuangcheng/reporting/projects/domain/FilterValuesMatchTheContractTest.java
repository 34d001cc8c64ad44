package cn.shuangcheng.reporting.projects.domain;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shuangcheng.contracts.EventTypes;
import cn.shuangcheng.reporting.agenda.domain.AgendaFilterValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list filters accept exactly the sectors and platforms ProjectProposed's published schema allows, and the
 * three-lists filter exactly the lists of AgendaItemCreated's.
 */
class FilterValuesMatchTheContractTest {

    @Test
    void sectorAndPlatformFiltersAreTheSchemasEnums() throws Exception {
        JsonNode schema = schema("ProjectProposed");
        assertThat(names(ProjectFilterValues.Sector.values()))
                .containsExactlyElementsOf(enumOf(schema.path("properties").path("sector")));
        assertThat(names(ProjectFilterValues.Platform.values()))
                .containsExactlyElementsOf(enumOf(schema.path("properties").path("platform")));
    }

    @Test
    void theAgendaListFilterIsTheSchemasEnum() throws Exception {
        assertThat(names(AgendaFilterValues.AgendaList.values()))
                .containsExactlyElementsOf(enumOf(schema("AgendaItemCreated").path("properties").path("list")));
    }

    private JsonNode schema(String event) throws Exception {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(EventTypes.schemaResource("project", event, 1))) {
            assertThat(in).as(event + "'s schema").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> enumOf(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asString());
            }
        });
        return values;
    }
}
