package cn.shuangcheng.cadres.erasure.api;

import java.time.Instant;

/**
 * The name and personnel number behind {@code cadreId} were erased from the registry (PIPL Art. 47), by
 * {@code principal} at {@code erasedAt}. The audit record of the erasure, published on
 * {@code shuangcheng.cadre.events.v1} keyed by the cadreId (schema {@code schemas/cadre/CadrePersonalDataErased.v1.json}).
 * It carries no personal data: there is none in the event store to erase, and this event must not bring any back.
 */
public record CadrePersonalDataErased(String cadreId, String principal, Instant erasedAt) {
}
