package cn.shuangcheng.cadres.erasure.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that the person behind {@code cadreId} has been erased from the registry (once: see {@code CadreErasure}). */
public record EraseCadrePersonalDataCommand(@TargetAggregateIdentifier String cadreId, String principal,
                                            Instant erasedAt) {
}
