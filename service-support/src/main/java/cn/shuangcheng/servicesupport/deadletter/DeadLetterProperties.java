package cn.shuangcheng.servicesupport.deadletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.dead-letters.*}: the write services' dead-letter store.
 *
 * @param collection      the MongoDB collection, in the service's event store database (default {@code deadletters})
 * @param maxSequences    aggregates with parked events per processor (default 1024); beyond it the processor stops
 *                        and retries rather than lose an event
 * @param maxSequenceSize parked events per aggregate and processor (default 1024), same rule
 * @param claimDuration   how long a retry holds a sequence before another may take it over (default 30 s)
 */
@ConfigurationProperties("shuangcheng.dead-letters")
public record DeadLetterProperties(String collection, Integer maxSequences, Integer maxSequenceSize,
                                   Duration claimDuration) {

    public DeadLetterProperties {
        collection = collection == null || collection.isBlank() ? "deadletters" : collection;
        maxSequences = maxSequences == null ? 1024 : maxSequences;
        maxSequenceSize = maxSequenceSize == null ? 1024 : maxSequenceSize;
        claimDuration = claimDuration == null ? Duration.ofSeconds(30) : claimDuration;
        if (maxSequences < 1 || maxSequenceSize < 1 || claimDuration.isNegative() || claimDuration.isZero()) {
            throw new IllegalArgumentException("shuangcheng.dead-letters: max-sequences, max-sequence-size and "
                    + "claim-duration must be positive");
        }
    }

    public static DeadLetterProperties defaults() {
        return new DeadLetterProperties(null, null, null, null);
    }
}
