package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.AuthMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the service's OpenAPI document refuses every credential it must refuse: no token, another
 * audience, another issuer, an unknown key, expired, {@code alg: none} (401) and a token without its scope (403).
 * (Another owner's intake batch is 404: IntakeRowsTest.)
 */
class AuthMatrixTest {

    private static CadreServiceRig service;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void every_documented_operation_refuses_every_credential_it_must() {
        List<AuthMatrix.Operation> operations = AuthMatrix.operations(service.api());
        assertThat(operations).as("operations of the OpenAPI document").isNotEmpty();

        assertThat(AuthMatrix.violations(service.api(), operations)).isEmpty();
    }
}
