package cn.shuangcheng.projects.agenda.api;

public record AgendaItemDropped(String agendaItemId, String note) implements AgendaItemEvents {
}
