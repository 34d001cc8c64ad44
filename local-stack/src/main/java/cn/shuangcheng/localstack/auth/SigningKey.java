package cn.shuangcheng.localstack.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key the authorization server signs access tokens with, kept as a JWK in the data directory: tokens issued
 * before a restart stay valid after it and the services' cached JWKS stays right. A development key in a file, not
 * how a production issuer keeps its keys.
 */
final class SigningKey {

    private SigningKey() {
    }

    static RSAKey loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try {
                return RSAKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IOException("the signing key " + file + " cannot be read; delete it (or start with "
                        + "--fresh) to get a new one", e);
            }
        }
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID("local-stack-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, key.toJSONString());
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key;
    }
}
