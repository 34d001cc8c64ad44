package cn.shuangcheng.projects.agenda.domain;

import cn.shuangcheng.projects.agenda.api.AgendaItemCreated;
import cn.shuangcheng.projects.agenda.api.AgendaItemStatus;

/** A three-lists item as its aggregate has decided it: what it was created as, and where it stands now. */
public record DecidedAgendaItem(AgendaItemCreated created, AgendaItemStatus status) {
}
