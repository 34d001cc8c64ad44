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
 *
 * @param audience the audience ({@code aud}) every accepted token must name
 * @param issuer   the issuer ({@code iss}) every accepted token must carry; defaults to the resource server's
 *                 issuer-uri
 */
@ConfigurationProperties("shuangcheng.security")
public record TokenTrustProperties(String audience, String issuer) {
}
