package cn.shuangcheng.reporting.agenda.api;

import java.util.List;

/** The three lists: per list, how many items are in each state and how many are overdue, as of a day. */
public record AgendaReport(String asOf, List<ListFigures> lists) {

    public record ListFigures(String list, long open, long inProgress, long delivered, long verified, long dropped,
                              long overdue) {
    }
}
