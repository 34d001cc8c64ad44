package cn.shuangcheng.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static cn.shuangcheng.contracts.EventTypes.PROJECT_CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    private final EventSchemas schemas = EventSchemas.standard();

    static Stream<String> projectEvents() {
        return EventSamples.PROJECT.keySet().stream().sorted();
    }

    @Test
    void thereIsASampleForEverySchemaFileAndASchemaForEverySample() {
        assertThat(SchemaFiles.eventNames(PROJECT_CONTEXT))
                .containsExactlyInAnyOrderElementsOf(EventSamples.PROJECT.keySet())
                .hasSize(16);
    }

    @ParameterizedTest
    @MethodSource("projectEvents")
    void aValidSampleOfEveryEventTypePasses(String eventName) {
        String sample = EventSamples.PROJECT.get(eventName);
        EventSchema schema = schemas.forEvent(PROJECT_CONTEXT, eventName, 1);

        assertThat(schema.validate(sample)).isEmpty();
        assertThat(schema.validate(sample.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(schemas.validate(EventTypes.dataSchema(PROJECT_CONTEXT, eventName, 1), sample)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("projectEvents")
    void aSchemaIsFoundByItsDataSchemaUrnAndNamesItsType(String eventName) {
        String urn = "urn:shuangcheng:schema:project:" + eventName + ":v1";

        EventSchema schema = schemas.forDataSchema(urn);

        assertThat(schema.dataSchema()).isEqualTo(urn);
        assertThat(schema.type()).isEqualTo("shuangcheng.project." + eventName + ".v1");
        assertThat(schemas.forEvent(PROJECT_CONTEXT, eventName, 1)).isSameAs(schema);
    }

    @Test
    void unknownSchemasAreNotFound() {
        assertThat(schemas.find(PROJECT_CONTEXT, "InvestmentRecorded", 2)).isEmpty();
        assertThat(schemas.find("urn:shuangcheng:schema:project:NoSuchEvent:v1")).isEmpty();
        assertThat(schemas.find("urn:shuangcheng:schema:project:../regions/regions:v1")).isEmpty();
        assertThat(schemas.find("urn:other:InvestmentRecorded")).isEmpty();
        assertThat(schemas.find(null)).isEmpty();
        assertThatThrownBy(() -> schemas.forDataSchema("urn:shuangcheng:schema:cadre:SecondmentStarted:v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urn:shuangcheng:schema:cadre:SecondmentStarted:v1");
    }

    @Test
    void aWrongTypeFailsNamingTheField() {
        List<SchemaViolation> violations = validate("InvestmentRecorded",
                "{\"projectId\":\"p-1\",\"period\":\"2023-01\",\"amountYuan\":\"473780000\"}");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("amountYuan");
            assertThat(v.message()).contains("amountYuan").contains("integer");
        });
    }

    @Test
    void aFractionalAmountIsNotAnInteger() {
        assertThat(validate("InvestmentRecorded",
                "{\"projectId\":\"p-1\",\"period\":\"2023-01\",\"amountYuan\":12.5}"))
                .extracting(SchemaViolation::field).containsExactly("amountYuan");
    }

    @Test
    void aMissingRequiredFieldFailsNamingTheField() {
        List<SchemaViolation> violations = validate("InvestmentCorrected",
                "{\"projectId\":\"p-1\",\"period\":\"2023-01\",\"amountYuan\":0,\"previousAmountYuan\":5}");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("reason");
            assertThat(v.message()).contains("reason");
        });
    }

    @Test
    void aBadPeriodFailsNamingTheField() {
        for (String period : List.of("2023-1", "2023-13", "2023-01-01", "23-01", "January 2023")) {
            List<SchemaViolation> violations = validate("InvestmentRecorded",
                    "{\"projectId\":\"p-1\",\"period\":\"" + period + "\",\"amountYuan\":1}");

            assertThat(violations).as(period).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("period");
                assertThat(v.message()).contains("period");
            });
        }
    }

    @Test
    void aBadDateFailsEvenWhenItLooksLikeADate() {
        assertThat(validate("ProjectStarted", "{\"projectId\":\"p-1\",\"startedOn\":\"2023-02-30\"}"))
                .extracting(SchemaViolation::field).containsExactly("startedOn");
        assertThat(validate("ProjectStarted", "{\"projectId\":\"p-1\",\"startedOn\":\"2023-02-10T00:00:00Z\"}"))
                .extracting(SchemaViolation::field).contains("startedOn");
    }

    @Test
    void aNegativeAmountFailsNamingTheField() {
        List<SchemaViolation> violations = validate("InvestmentRecorded",
                "{\"projectId\":\"p-1\",\"period\":\"2023-01\",\"amountYuan\":-5}");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("amountYuan");
            assertThat(v.message()).contains("amountYuan").contains("minimum");
        });
    }

    @Test
    void recordedInvestmentMustBePositiveWhileACorrectionMayBeZero() {
        assertThat(validate("InvestmentRecorded", "{\"projectId\":\"p-1\",\"period\":\"2023-01\",\"amountYuan\":0}"))
                .extracting(SchemaViolation::field).containsExactly("amountYuan");
        assertThat(validate("InvestmentCorrected", """
                {"projectId":"p-1","period":"2023-01","amountYuan":0,"previousAmountYuan":5,"reason":"r"}"""))
                .isEmpty();
        assertThat(validate("InvestmentCorrected", """
                {"projectId":"p-1","period":"2023-01","amountYuan":-1,"previousAmountYuan":5,"reason":"r"}"""))
                .extracting(SchemaViolation::field).containsExactly("amountYuan");
        assertThat(validate("ProjectProposed", EventSamples.PROJECT.get("ProjectProposed")
                .replace("69273000000", "0")))
                .extracting(SchemaViolation::field).containsExactly("totalInvestmentYuan");
    }

    @Test
    void amountsBeyondThirtyTwoBitsAreFine() {
        assertThat(validate("AnnualPlanSet", "{\"projectId\":\"p-1\",\"year\":2023,\"amountYuan\":220000000000}"))
                .isEmpty();
    }

    @Test
    void enumsTakeOnlyTheirListedValues() {
        String proposed = EventSamples.PROJECT.get("ProjectProposed");
        assertThat(validate("ProjectProposed", proposed.replace("\"INFRASTRUCTURE\"", "\"TRANSPORT\"")))
                .extracting(SchemaViolation::field).containsExactly("sector");
        assertThat(validate("ProjectProposed", proposed.replace("\"platform\":null", "\"platform\":\"GAOZHU\"")))
                .isEmpty();
        assertThat(validate("ProjectProposed", proposed.replace("\"platform\":null", "\"platform\":\"gaozhu\"")))
                .extracting(SchemaViolation::field).containsExactly("platform");
        assertThat(validate("AgendaItemCreated",
                EventSamples.PROJECT.get("AgendaItemCreated").replace("POLICY_NEED", "WISH_LIST")))
                .extracting(SchemaViolation::field).containsExactly("list");
    }

    @Test
    void regionCodesAreGbCodesOfEitherSideOrZoneCodes() {
        String proposed = EventSamples.PROJECT.get("ProjectProposed");
        for (String bad : List.of("110000", "5101", "CQ-gxq", "XZ-GXQ", "")) {
            assertThat(validate("ProjectProposed", proposed.replace("\"CQ-GXQ\"", "\"" + bad + "\"")))
                    .as(bad).extracting(SchemaViolation::field).containsExactly("regions[2]");
        }
        assertThat(validate("ProjectProposed", proposed.replace("[\"510100\",\"500000\",\"CQ-GXQ\"]", "[]")))
                .extracting(SchemaViolation::field).containsExactly("regions");
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() {
        assertThat(validate("ProjectProposed", """
                {"projectId":"p-2","name":"n","sector":"ECOLOGY","regions":["511623"],"leadUnits":[],
                 "totalInvestmentYuan":1}""")).isEmpty();
        assertThat(validate("ProjectProposed", """
                {"projectId":"p-2","externalRef":null,"name":"n","sector":"ECOLOGY","platform":null,
                 "regions":["511623"],"leadUnits":[],"totalInvestmentYuan":1,"description":null,
                 "openingInvestedYuan":null,"openingAsOf":null}""")).isEmpty();
        assertThat(validate("AgendaItemCreated", """
                {"agendaItemId":"a-2","list":"WORK_RESULT","title":"t","source":null,"ownerUnits":[],
                 "dueOn":null,"projectIds":[]}""")).isEmpty();
        assertThat(validate("MilestoneReached", "{\"projectId\":\"p-1\",\"name\":\"n\",\"reachedOn\":\"2023-01-01\"}"))
                .isEmpty();
    }

    @Test
    void requiredFieldsMayNotBeNull() {
        assertThat(validate("ProjectCancelled", "{\"projectId\":\"p-1\",\"reason\":null}"))
                .extracting(SchemaViolation::field).containsExactly("reason");
    }

    @Test
    void theOpeningBalanceComesWithItsMonth() {
        String proposed = EventSamples.PROJECT.get("ProjectProposed");
        assertThat(validate("ProjectProposed", proposed.replace("\"openingAsOf\":\"2022-12\"", "\"openingAsOf\":null")))
                .extracting(SchemaViolation::field).contains("openingAsOf");
        assertThat(validate("ProjectProposed", proposed.replace("\"openingInvestedYuan\":6000000000,", "")))
                .extracting(SchemaViolation::field).contains("openingInvestedYuan");
    }

    @Test
    void addedFieldsAreTolerated() {
        assertThat(validate("ProjectListed", "{\"projectId\":\"p-1\",\"listYear\":2024,\"listedBy\":\"联合办公室\"}"))
                .isEmpty();
    }

    @Test
    void aDocumentThatIsNotJsonIsOneViolation() {
        assertThat(validate("ProjectListed", "{\"projectId\":")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("not a JSON document"));
        assertThat(validate("ProjectListed", "")).hasSize(1);
        assertThat(validate("ProjectListed", "[]")).isNotEmpty();
    }

    private List<SchemaViolation> validate(String eventName, String payload) {
        return schemas.forEvent(PROJECT_CONTEXT, eventName, 1).validate(payload);
    }
}
