package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/** A yearly batch of the exchange was set up: its number, year, dispatch date, places per direction and term. */
public record ExchangeBatchCreated(String batchId, int number, int year, LocalDate dispatchedOn, int quotaPerDirection,
                                   int termMonths) implements BatchEvents {
}
