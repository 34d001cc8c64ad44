package cn.shuangcheng.servicesupport.creation;

import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.outage.Causes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Creating an aggregate at most once per caller reference (an {@code externalRef}): the caller derives the aggregate
 * id from the reference, so the event store's unique (aggregate, sequence) index on the first event is the claim. A
 * known reference is found at once; when two creations race, the loser's append collides and it answers the
 * winner's aggregate. Either way the caller gets the existing id and its current version, and nothing new is stored.
 * Without a reference, a creation sent with an {@code Idempotency-Key} is created at most once per request
 * ({@link #create(String, String, UnaryOperator, Function, Function)}); without either, every call creates.
 */
public final class CreationsByReference {

    /** Why a reference with another spelling is refused: the id derived from it would name a second aggregate. */
    public static final String NOT_CANONICAL = "must be written as one canonical reference: Unicode NFKC (half-width "
            + "letters and digits, composed accents), without control or invisible characters";

    /**
     * What a creation did: created the aggregate ({@code created}: this request, now or when it was first sent), or
     * found the one that holds the reference; its id and version either way.
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

    /**
     * Creates by the caller's reference when there is one ({@link #create(String, String, Object)}); else, for a
     * request named by an {@code Idempotency-Key}, at most once for the request; else always. Once for a request: the
     * aggregate's id is the request's id, and the creation's events carry the request's id and digest (kernel
     * {@link AnsweredRequests}, copied from the command's metadata); the same request again, or its race with itself,
     * answers as the first time ({@code created}, version 0) and stores nothing.
     *
     * @param reference     the caller's reference ({@link #reference}), or null
     * @param requestId     the request's id from its {@code Idempotency-Key}, or null
     * @param idOfReference the aggregate id for a reference (a random one for null)
     * @param creation      the command that creates the aggregate with the id it is given; it answers the version
     * @param digest        {@link AnsweredRequests#digest} of what the command asks
     * @throws RuleViolatedException (422, field {@code Idempotency-Key}) when another request was created under the
     *                               request's id; (field {@code externalRef}) for a new reference that is not
     *                               canonical
     */
    public <C> Outcome create(String reference, String requestId, UnaryOperator<String> idOfReference,
                              Function<String, C> creation, Function<C, String> digest) {
        if (reference == null && requestId != null) {
            C command = creation.apply(requestId);
            return createOnce(requestId, digest.apply(command), command);
        }
        String id = idOfReference.apply(reference);
        return create(id, reference, creation.apply(id));
    }

    private Outcome createOnce(String id, String digest, Object creation) {
        Optional<Outcome> first = firstAnswer(id, digest);
        if (first.isPresent()) {
            return first.get();
        }
        try {
            long version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(creation)
                    .andMetaData(AnsweredRequests.metadata(id, digest)));
            return new Outcome(id, version, true);
        } catch (ConcurrencyException | AggregateStreamCreationException | CommandExecutionException e) {
            if (isCollision(e)) {
                return firstAnswer(id, digest).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<Outcome> firstAnswer(String id, String digest) {
        DomainEventStream events = eventStore.readEvents(id, 0L); // the creation itself, never a snapshot
        if (!events.hasNext()) {
            return Optional.empty();
        }
        if (!digest.equals(events.next().getMetaData().get(AnsweredRequests.REQUEST_DIGEST))) {
            throw AnsweredRequests.keyReused();
        }
        return Optional.of(new Outcome(id, 0L, true));
    }

    private Optional<Outcome> existing(String id) {
        return eventStore.lastSequenceNumberFor(id).map(version -> new Outcome(id, version, false));
    }

    private static boolean isCollision(RuntimeException e) {
        return Causes.anyMatch(e, t -> t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException);
    }
}
