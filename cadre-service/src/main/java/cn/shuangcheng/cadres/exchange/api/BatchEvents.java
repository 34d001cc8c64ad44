package cn.shuangcheng.cadres.exchange.api;

/**
 * Marker of the events of an exchange batch, published on {@code shuangcheng.cadre.events.v1} keyed by the batch id.
 * Their JSON Schemas are in contracts under {@code schemas/cadre/}.
 */
public sealed interface BatchEvents permits ExchangeBatchCreated, SecondmentPlaceTaken {

    String batchId();
}
