package cn.shuangcheng.reporting.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Platform;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Sector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every sector and platform the contract knows has the name the demo dataset's reference tables give it. */
class RowNamesTest {

    private static final JsonNode DEMO = JsonMapper.builder().build()
            .readTree(Path.of("..", "demo-data", "demo-dataset.json").toFile());

    @Test
    void sectorsAreNamedAsInTheReferenceData() {
        for (Sector sector : Sector.values()) {
            assertThat(RowNames.sector(sector.name())).as(sector.name()).isEqualTo(demoName("sectors", sector.name()));
        }
    }

    @Test
    void platformsAreNamedAsInTheReferenceData() {
        for (Platform platform : Platform.values()) {
            assertThat(RowNames.platform(platform.name())).as(platform.name())
                    .isEqualTo(demoName("platforms", platform.name()));
        }
        assertThat(RowNames.platform(null)).isEqualTo("未归属合作平台");
    }

    @Test
    void regionsComeFromTheRegionTableAndAnUnknownCodeIsNamedByItself() {
        assertThat(RowNames.region("510100")).isEqualTo("成都市");
        assertThat(RowNames.region("500112")).isEqualTo("渝北区");
        assertThat(RowNames.region("999999")).isEqualTo("999999");
        assertThat(RowNames.sector("INFRA")).isEqualTo("INFRA");
    }

    private static String demoName(String table, String code) {
        for (JsonNode entry : DEMO.path(table)) {
            if (entry.path("code").asString().equals(code)) {
                return entry.path("name").asString();
            }
        }
        throw new AssertionError(code + " not in the demo dataset's " + table);
    }
}
