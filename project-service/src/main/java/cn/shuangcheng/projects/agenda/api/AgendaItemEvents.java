package cn.shuangcheng.projects.agenda.api;

/** Marker of the events of a three-lists item, published on {@code shuangcheng.project.events.v1}. */
public sealed interface AgendaItemEvents permits AgendaItemCreated, AgendaItemProgressed, AgendaItemDelivered,
        AgendaItemVerified, AgendaItemDropped {

    String agendaItemId();
}
