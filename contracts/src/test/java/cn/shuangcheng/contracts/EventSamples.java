package cn.shuangcheng.contracts;

import java.util.Map;

/** One valid payload of every published project-context event, as the producers' Jackson writes them. */
final class EventSamples {

    static final Map<String, String> PROJECT = Map.ofEntries(
            Map.entry("ProjectProposed", """
                    {"projectId":"p-0001","externalRef":"CY-2023-001","name":"成渝中线高铁","sector":"INFRASTRUCTURE",
                     "platform":null,"regions":["510100","500000","CQ-GXQ"],"leadUnits":["重庆市发展改革委"],
                     "totalInvestmentYuan":69273000000,"description":null,
                     "openingInvestedYuan":6000000000,"openingAsOf":"2022-12"}"""),
            Map.entry("ProjectListed", """
                    {"projectId":"p-0001","listYear":2023}"""),
            Map.entry("AnnualPlanSet", """
                    {"projectId":"p-0001","year":2023,"amountYuan":8000000000}"""),
            Map.entry("ProjectStarted", """
                    {"projectId":"p-0001","startedOn":"2022-11-28"}"""),
            Map.entry("MilestoneReached", """
                    {"projectId":"p-0001","name":"可研批复","reachedOn":"2021-08-01","note":null}"""),
            Map.entry("InvestmentRecorded", """
                    {"projectId":"p-0001","period":"2023-01","amountYuan":473780000}"""),
            Map.entry("InvestmentCorrected", """
                    {"projectId":"p-0001","period":"2023-01","amountYuan":0,"previousAmountYuan":473780000,
                     "reason":"duplicate of the February report"}"""),
            Map.entry("ProjectCompleted", """
                    {"projectId":"p-0001","completedOn":"2027-11-30"}"""),
            Map.entry("ProjectSuspended", """
                    {"projectId":"p-0001","reason":"land acquisition pending"}"""),
            Map.entry("ProjectResumed", """
                    {"projectId":"p-0001","reason":"land acquired"}"""),
            Map.entry("ProjectCancelled", """
                    {"projectId":"p-0001","reason":"merged into p-0002"}"""),
            Map.entry("AgendaItemCreated", """
                    {"agendaItemId":"a-0001","list":"POLICY_NEED","title":"跨省公交线路审批与运营补贴衔接需求",
                     "source":"联合办公室第三次会议","ownerUnits":["重庆市交通局","四川省交通运输厅"],
                     "dueOn":"2023-06-30","projectIds":["p-0001"]}"""),
            Map.entry("AgendaItemProgressed", """
                    {"agendaItemId":"a-0001","note":"两地交通部门已会商"}"""),
            Map.entry("AgendaItemDelivered", """
                    {"agendaItemId":"a-0001","note":"联合审批办法印发"}"""),
            Map.entry("AgendaItemVerified", """
                    {"agendaItemId":"a-0001","note":null}"""),
            Map.entry("AgendaItemDropped", """
                    {"agendaItemId":"a-0001","note":"superseded"}"""));

    private EventSamples() {
    }
}
