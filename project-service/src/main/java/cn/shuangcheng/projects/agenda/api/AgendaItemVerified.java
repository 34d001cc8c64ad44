package cn.shuangcheng.projects.agenda.api;

public record AgendaItemVerified(String agendaItemId, String note) implements AgendaItemEvents {
}
