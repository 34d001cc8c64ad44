package cn.shuangcheng.cadres.erasure.domain;

import cn.shuangcheng.cadres.erasure.api.CadrePersonalDataErased;
import cn.shuangcheng.cadres.erasure.api.EraseCadrePersonalDataCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** The audit record of an erasure: who and when, about a cadreId, nothing else. */
class CadreErasureTest {

    private static final String CADRE = "a0c7e3f1-0000-4000-8000-000000000042";
    private static final Instant AT = Instant.parse("2026-12-03T22:37:09Z");

    private FixtureConfiguration<CadreErasure> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CadreErasure.class);
    }

    @Test
    void the_first_erasure_records_who_erased_whom_and_when() {
        fixture.givenNoPriorActivity()
                .when(new EraseCadrePersonalDataCommand(CADRE, "joint-office-personnel", AT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(0L)
                .expectEvents(new CadrePersonalDataErased(CADRE, "joint-office-personnel", AT));
    }
}
