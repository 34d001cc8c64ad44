package cn.shuangcheng.projects.intake.web;

import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.contracts.EventSchema;
import cn.shuangcheng.contracts.EventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake items project-service's own parsing produces (from a CSV batch and from a JSON batch, the same rows a
 * Kafka record carries) are items of the schema contracts publishes for shuangcheng.intake.submissions.v1
 * (schemas/intake/IntakeItem.v1.json), and bind; a row that binding refuses, the schema refuses too.
 */
class IntakeItemsMatchTheContractTest {

    private static final EventSchema ITEM = EventSchemas.standard().forEvent("intake", "IntakeItem", 1);
    /** docs/api-guide.md's CSV example, with every column the intake knows. */
    private static final String CSV = "externalRef,name,sector,platform,regions,leadUnits,totalInvestmentYuan,listYear,"
            + "annualPlanYuan,openingInvestedYuan,openingAsOf,startedOn,completedOn,investments,milestones\r\n"
            + "CY-2023-001,成渝中线高铁,INFRASTRUCTURE,,510100;500112,,69273000000,2023,8000000000,6000000000,2022-12,"
            + "2022-11-28,,2023-01:473780000;2023-02:512000000,2021-09-26:成渝中线高铁建设全面启动\r\n"
            + "CY-2023-014,川渝高竹新区产业园,MODERN_INDUSTRY,GAOZHU,511623;500112,广安市;渝北区,12000000000,2023,"
            + "2400000000,0,,2023-01-15,,,\r\n";

    private final IntakeRowBinder binder = new IntakeRowBinder();

    @Test
    void csvRowsAreItemsOfThePublishedSchema() throws IOException {
        List<String> items = rows(CSV);

        assertThat(items).hasSize(2);
        for (String item : items) {
            assertThat(ITEM.validate(item)).as(item).isEmpty();
            assertThat(binder.bind(item).item()).as(item).isNotNull();
        }
    }

    @Test
    void jsonRowsAreItemsOfThePublishedSchema() {
        String body = "{\"items\": [{\"externalRef\": \"CY-2023-001\", \"name\": \"成渝中线高铁\", \"sector\": "
                + "\"INFRASTRUCTURE\", \"platform\": null, \"regions\": [\"510100\", \"CQ-GXQ\"], \"leadUnits\": [],"
                + " \"totalInvestmentYuan\": 69273000000, \"listYear\": 2023, \"annualPlanYuan\": 8000000000,"
                + " \"investments\": [{\"period\": \"2023-01\", \"amountYuan\": 473780000}],"
                + " \"milestones\": [{\"name\": \"全线开工\", \"reachedOn\": \"2023-02-01\"}]}]}";
        CollectedRows rows = new CollectedRows();
        IntakeSubmission.readJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), rows);

        assertThat(rows.refused).isEmpty();
        assertThat(rows.kept).singleElement().satisfies(item -> {
            assertThat(ITEM.validate(item)).isEmpty();
            assertThat(binder.bind(item).item()).isNotNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"totalInvestmentYuan\":\"69273000000\"",
            "\"totalInvestmentYuan\":1.5",
            "\"sector\":\"TOURISM\"",
            "\"startedOn\":\"2023-02-30\"",
            "\"investments\":[{\"period\":\"2023-13\",\"amountYuan\":1}]"})
    void aRowBindingRefusesTheSchemaRefusesToo(String field) {
        String item = "{\"externalRef\":\"R-1\",\"name\":\"项目\",\"regions\":[\"510100\"],"
                + (field.startsWith("\"sector\"") ? "" : "\"sector\":\"ECOLOGY\",")
                + (field.startsWith("\"totalInvestmentYuan\"") ? "" : "\"totalInvestmentYuan\":1000,") + field + "}";

        assertThat(binder.bind(item).item()).as("binding").isNull();
        assertThat(ITEM.validate(item)).as("the schema").isNotEmpty();
    }

    private static List<String> rows(String csv) throws IOException {
        CollectedRows rows = new CollectedRows();
        IntakeSubmission.readCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, rows);
        assertThat(rows.refused).isEmpty();
        return rows.kept;
    }
}
