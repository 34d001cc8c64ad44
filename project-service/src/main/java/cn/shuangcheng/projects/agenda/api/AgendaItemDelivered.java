package cn.shuangcheng.projects.agenda.api;

public record AgendaItemDelivered(String agendaItemId, String note) implements AgendaItemEvents {
}
