package cn.shuangcheng.reporting.it;

/** Projects and their months as the project context publishes them, for tests that only need some events. */
final class ProjectEvents {

    private ProjectEvents() {
    }

    /** A proposal and {@code events - 1} months of investment: {@code events} events of the project. */
    static void project(ContractEvents events, String topic, String id, int count) {
        events.send(topic, "project", id, "ProjectProposed", "{\"projectId\":\"" + id
                + "\",\"name\":\"成渝共建项目\",\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],"
                + "\"leadUnits\":[\"川渝联合办\"],\"totalInvestmentYuan\":500000000}");
        for (int month = 1; month < count; month++) {
            invested(events, topic, id, "2022-" + (month < 10 ? "0" : "") + month);
        }
    }

    static void invested(ContractEvents events, String topic, String id, String period) {
        events.send(topic, "project", id, "InvestmentRecorded",
                "{\"projectId\":\"" + id + "\",\"period\":\"" + period + "\",\"amountYuan\":1000}");
    }
}
