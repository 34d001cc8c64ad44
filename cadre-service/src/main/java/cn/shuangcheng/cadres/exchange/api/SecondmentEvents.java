package cn.shuangcheng.cadres.exchange.api;

/**
 * Marker of the events of one secondment, published on {@code shuangcheng.cadre.events.v1} keyed by the secondment
 * id. They know the cadre only by the pseudonymous {@code cadreId}: names and personnel numbers never leave the
 * registry of cadre-service.
 */
public sealed interface SecondmentEvents permits SecondmentRegistered, CadreArrived, ContributionRecorded,
        SecondmentExtended, SecondmentCompleted, SecondmentEndedEarly {

    String secondmentId();
}
