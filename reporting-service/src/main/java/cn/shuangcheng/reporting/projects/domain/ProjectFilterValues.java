package cn.shuangcheng.reporting.projects.domain;

/**
 * The values the project list accepts as filters: reporting-service's own copy of what the contract publishes
 * (the sector and platform enums of ProjectProposed's schema, and the states docs/api-guide.md names), so that a
 * misspelt filter is a 400 naming the value rather than an empty page that looks like an answer.
 * FilterValuesMatchTheContractTest keeps the copies in step with the schema.
 */
public final class ProjectFilterValues {

    private ProjectFilterValues() {
    }

    public enum Sector {
        INFRASTRUCTURE, MODERN_INDUSTRY, SCIENCE_TECH, CULTURE_TOURISM, ECOLOGY, OPENING_UP, PUBLIC_SERVICE
    }

    public enum Platform {
        GAOZHU, SUITONG, WANDAKAI, MINGYUESHAN, CHENGXUANWAN, HEGUANGCHANG, ZIDA, NEIRONG, LUYONGJIANG, CHUANNAN_YUXI
    }

    /** docs/api-guide.md: PROPOSED → APPROVED → STARTED → COMPLETED; SUSPENDED and back; CANCELLED ends it. */
    public enum Status {
        PROPOSED, APPROVED, STARTED, COMPLETED, SUSPENDED, CANCELLED
    }
}
