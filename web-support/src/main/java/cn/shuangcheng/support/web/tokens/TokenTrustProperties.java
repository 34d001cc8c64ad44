package cn.shuangcheng.support.web.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.security.*}: whom a caller's JWT must be issued by and for.
 *
 * <pre>
 * shuangcheng.security.audience=shuangcheng-api     # required: the aud the tokens of this API carry
 * shuangcheng.security.issuer=https://sso.example.gov.cn/realms/shuangcheng
 *                                                   # default: spring.security.oauth2.resourceserver.jwt.issuer-uri
 * </pre>
 */
@ConfigurationProperties("shuangcheng.security")
public class TokenTrustProperties {

    /** The audience ({@code aud}) every accepted token must name. */
    private String audience;

    /** The issuer ({@code iss}) every accepted token must carry; defaults to the resource server's issuer-uri. */
    private String issuer;

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }
}
