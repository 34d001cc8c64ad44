package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.Direction;

import java.time.LocalDate;
import java.util.Map;

/** An exchange batch as it stands, for the write side's own reads: its terms and the places taken per direction. */
public record DecidedBatch(String batchId, int number, int year, LocalDate dispatchedOn, int quotaPerDirection,
                           int termMonths, Map<Direction, Integer> placesTaken) {
}
