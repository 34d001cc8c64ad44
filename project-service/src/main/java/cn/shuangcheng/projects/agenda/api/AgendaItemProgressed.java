package cn.shuangcheng.projects.agenda.api;

public record AgendaItemProgressed(String agendaItemId, String note) implements AgendaItemEvents {
}
