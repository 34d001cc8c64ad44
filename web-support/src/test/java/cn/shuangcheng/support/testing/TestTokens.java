package cn.shuangcheng.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Real signed JWTs for tests of services that are OAuth2 resource servers.
 *
 * <p>One RSA key pair per test JVM; its public key is written once to a PEM file so a test
 * configures the service the way production does, only with a file instead of an issuer:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * class MyApiTest {
 *     @DynamicPropertySource
 *     static void jwt(DynamicPropertyRegistry registry) {
 *         registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
 *     }
 *     ... header("Authorization", TestTokens.bearer("alice", "projects:write")) ...
 * }
 * }</pre>
 */
public final class TestTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    /** The issuer every test token carries and every service under test trusts. */
    public static final String ISSUER = "urn:shuangcheng:test-issuer";
    /** The audience every test token names and every service under test requires. */
    public static final String AUDIENCE = "urn:shuangcheng:test-api";

    private TestTokens() {
    }

    /**
     * How a service under test is told to trust these tokens, as Spring properties: the public key, the issuer and
     * the audience ({@code shuangcheng.security.*}). The test is also a trusted operator: {@code /actuator/health}
     * shows its details to it (the services' own default is {@code never}).
     */
    public static Map<String, String> securityProperties() {
        return Map.of("spring.security.oauth2.resourceserver.jwt.public-key-location", publicKeyLocation(),
                "shuangcheng.security.issuer", ISSUER,
                "shuangcheng.security.audience", AUDIENCE,
                "management.endpoint.health.show-details", "always");
    }

    /** {@link #securityProperties()} as command-line arguments of a service's jar ({@code --name=value}). */
    public static java.util.List<String> securityArguments() {
        return securityProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .sorted().toList();
    }

    /** {@code file:/tmp/...pem}, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return Keys.PUBLIC_KEY_PEM.toUri().toString();
    }

    /** A token for {@code subject} with the given scopes (space-separated {@code scope} claim). */
    public static String token(String subject, String... scopes) {
        return sign(claims(scopes).subject(subject).build());
    }

    /** {@code "Bearer " + token(subject, scopes)}, ready for the Authorization header. */
    public static String bearer(String subject, String... scopes) {
        return "Bearer " + token(subject, scopes);
    }

    /**
     * A client-credentials style token without {@code sub}, naming the client in {@code client_id}
     * (RFC 9068) and {@code azp}.
     */
    public static String clientToken(String clientId, String... scopes) {
        return sign(claims(scopes).claim("client_id", clientId).claim("azp", clientId).build());
    }

    /** A token that expired an hour ago: a resource server must refuse it with 401. */
    public static String expiredToken(String subject, String... scopes) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(scopes).subject(subject)
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofHours(1)))).build());
    }

    /** A token with any further claims, e.g. {@code Map.of("preferred_username", "蒲某")}. */
    public static String token(String subject, Map<String, Object> extraClaims, String... scopes) {
        JWTClaimsSet.Builder builder = claims(scopes).subject(subject);
        extraClaims.forEach(builder::claim);
        return sign(builder.build());
    }

    /** A token issued for another application of the same realm: a resource server must refuse it with 401. */
    public static String tokenForAudience(String audience, String subject, String... scopes) {
        return sign(claims(scopes).audience(audience).subject(subject).build());
    }

    /** A token with the right key and audience from another issuer: a resource server must refuse it with 401. */
    public static String tokenFromIssuer(String issuer, String subject, String... scopes) {
        return sign(claims(scopes).issuer(issuer).subject(subject).build());
    }

    /** An unsecured token ({@code alg: none}, no signature): a resource server must refuse it with 401. */
    public static String unsecuredToken(String subject, String... scopes) {
        return new com.nimbusds.jwt.PlainJWT(claims(scopes).subject(subject).build()).serialize();
    }

    /** Signs with a key the service does not know: a resource server must refuse it with 401. */
    public static String tokenFromUnknownIssuer(String subject, String... scopes) {
        return sign(claims(scopes).subject(subject).build(), (RSAPrivateKey) generateKeyPair().getPrivate());
    }

    /** A token whose header names the key {@code keyId} (signed with the test key whatever the id). */
    public static String tokenWithKeyId(String keyId, String subject, String... scopes) {
        return sign(claims(scopes).subject(subject).build(), (RSAPrivateKey) Keys.KEY_PAIR.getPrivate(), keyId);
    }

    /** The test key as the issuer publishes it: a JWK set with the one key, id {@code test-key}. */
    public static String jwkSetJson() {
        return new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
                (java.security.interfaces.RSAPublicKey) Keys.KEY_PAIR.getPublic()).keyID("test-key").build())
                .toString();
    }

    private static JWTClaimsSet.Builder claims(String... scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("scope", String.join(" ", scopes));
    }

    private static String sign(JWTClaimsSet claims) {
        return sign(claims, (RSAPrivateKey) Keys.KEY_PAIR.getPrivate());
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        return sign(claims, key, "test-key");
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key, String keyId) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign test token", e);
        }
        return jwt.serialize();
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lazily, once per JVM. */
    private static final class Keys {

        static final KeyPair KEY_PAIR = generateKeyPair();
        static final Path PUBLIC_KEY_PEM = writePem();

        private static Path writePem() {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(KEY_PAIR.getPublic().getEncoded());
            String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
            try {
                Path file = Files.createTempFile("shuangcheng-test-jwt-", ".pem");
                file.toFile().deleteOnExit();
                Files.writeString(file, pem, StandardCharsets.US_ASCII);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
