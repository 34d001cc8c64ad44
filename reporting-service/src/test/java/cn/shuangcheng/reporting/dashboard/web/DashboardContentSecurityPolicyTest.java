package cn.shuangcheng.reporting.dashboard.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page may fetch from the issuer's origin (the token exchange), never from its path or from anything else. */
class DashboardContentSecurityPolicyTest {

    @Test
    void theIssuersOriginIsTheOnlyOtherPlaceThePageMayFetchFrom() {
        assertThat(DashboardContentSecurityPolicy.policy("http://127.0.0.1:9000"))
                .contains("connect-src 'self' http://127.0.0.1:9000;");
        assertThat(DashboardContentSecurityPolicy.policy("https://auth.example.gov.cn/realms/shuangcheng/"))
                .contains("connect-src 'self' https://auth.example.gov.cn;");
        assertThat(DashboardContentSecurityPolicy.policy("https://[::1]:8443/issuer"))
                .contains("connect-src 'self' https://[::1]:8443;");
    }

    @Test
    void anIssuerWithoutAnOriginAddsNothing() {
        for (String issuer : new String[] {null, "", "urn:shuangcheng:test-issuer", "not a url", "/relative"}) {
            assertThat(DashboardContentSecurityPolicy.policy(issuer)).as(issuer).contains("connect-src 'self';");
        }
    }
}
