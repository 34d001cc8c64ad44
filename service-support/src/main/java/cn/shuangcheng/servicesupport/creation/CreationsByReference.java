package cn.shuangcheng.servicesupport.creation;

import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.outage.Causes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * Creating an aggregate at most once per caller reference (an {@code externalRef}): the caller derives the aggregate
 * id from the reference, so the event store's unique (aggregate, sequence) index on the first event is the claim. A
 * known reference is found at once; when two creations race, the loser's append collides and it answers the
 * winner's aggregate. Either way the caller gets the existing id and its current version, and nothing new is stored.
 * Without a reference every call creates.
 */
public final class CreationsByReference {

    /** Why a reference with another spelling is refused: the id derived from it would name a second aggregate. */
    public static final String NOT_CANONICAL = "must be written as one canonical reference: Unicode NFKC (half-width "
            + "letters and digits, composed accents), without control or invisible characters";

    /**
     * What a creation did: created the aggregate ({@code created}), or found the one that holds the reference; its id
     * and current version either way.
     */
    public record Outcome(String id, long version, boolean created) {
    }

    private final CommandGateway commands;
    private final EventStore eventStore;

    public CreationsByReference(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    /** The caller's reference as it identifies a creation: without surrounding blanks; a blank one is none (null). */
    public static String reference(String externalRef) {
        return Require.optionalText(externalRef);
    }

    /**
     * @param id        the aggregate id, derived from the reference when there is one
     * @param reference the caller's reference ({@link #reference}), or null: with one, an existing aggregate is the
     *                  answer, and a new one is created only under a reference of one spelling
     *                  ({@link NaturalKeyIds#isCanonicalKey}; one stored before that rule is still found)
     * @param creation  the command that creates the aggregate with that id; it answers the new version
     * @throws RuleViolatedException (field {@code externalRef}) for a new reference that is not canonical
     */
    public Outcome create(String id, String reference, Object creation) {
        boolean byReference = reference != null;
        if (byReference) {
            Optional<Outcome> existing = existing(id);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (!NaturalKeyIds.isCanonicalKey(reference)) {
                throw new RuleViolatedException("externalRef", NOT_CANONICAL);
            }
        }
        try {
            long version = commands.sendAndWait(creation);
            return new Outcome(id, version, true);
        } catch (ConcurrencyException | AggregateStreamCreationException | CommandExecutionException e) {
            if (byReference && isCollision(e)) {
                return existing(id).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<Outcome> existing(String id) {
        return eventStore.lastSequenceNumberFor(id).map(version -> new Outcome(id, version, false));
    }

    private static boolean isCollision(RuntimeException e) {
        return Causes.anyMatch(e, t -> t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException);
    }
}
