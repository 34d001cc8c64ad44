package cn.shuangcheng.contracts;

/** Kafka topic names of the published contract. Versioned: a breaking change gets a new topic. */
public final class Topics {

    public static final String PROJECT_EVENTS = "shuangcheng.project.events.v1";
    public static final String CADRE_EVENTS = "shuangcheng.cadre.events.v1";

    private Topics() {
    }
}
