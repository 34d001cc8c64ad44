package cn.shuangcheng.contracts;

/**
 * How CloudEvents attributes of the contract are spelled. The type of an event is
 * {@code shuangcheng.<context>.<EventName>.v<version>}; its {@code dataschema} names the JSON Schema
 * shipped in this jar under {@code schemas/<context>/<EventName>.v<version>.json}.
 */
public final class EventTypes {

    public static final String PROJECT_CONTEXT = "project";
    public static final String CADRE_CONTEXT = "cadre";

    private EventTypes() {
    }

    public static String type(String context, String eventName, int version) {
        return "shuangcheng." + context + "." + eventName + ".v" + version;
    }

    public static String dataSchema(String context, String eventName, int version) {
        return "urn:shuangcheng:schema:" + context + ":" + eventName + ":v" + version;
    }

    public static String source(String serviceName) {
        return "urn:shuangcheng:" + serviceName;
    }

    /** Classpath location of the JSON Schema for an event type, relative to the jar root. */
    public static String schemaResource(String context, String eventName, int version) {
        return "schemas/" + context + "/" + eventName + ".v" + version + ".json";
    }
}
