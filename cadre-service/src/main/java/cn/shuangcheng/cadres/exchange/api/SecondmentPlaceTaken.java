package cn.shuangcheng.cadres.exchange.api;

/**
 * A place of the batch's quota in one direction went to a secondment; {@code placesTaken} counts the places of that
 * direction taken so far, this one included. Stored in the same append as the secondment's
 * {@link SecondmentRegistered}, before it.
 */
public record SecondmentPlaceTaken(String batchId, String secondmentId, Direction direction, int placesTaken,
                                   int quotaPerDirection) implements BatchEvents {
}
