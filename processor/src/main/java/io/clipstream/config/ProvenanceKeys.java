package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.provenance.SigningIdentity;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/** Signing clips with C2PA Content Credentials: the key and certificate chain. */
public final class ProvenanceKeys {

  public static final String KEY_FILE = "provenance.key.file";
  public static final String CHAIN_FILE = "provenance.chain.file";
  public static final String KEYSTORE_FILE = "provenance.keystore.file";
  public static final String KEYSTORE_PASSWORD = "provenance.keystore.password";

  private ProvenanceKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            KEY_FILE,
            Type.STRING,
            null,
            MEDIUM,
            "PEM private key (PKCS#8 or SEC1; EC P-256 signs ES256, Ed25519 signs EdDSA) that"
                + " signs every clip's C2PA manifest. With provenance.chain.file. Unset (and no"
                + " keystore): clips are not signed.")
        .define(
            CHAIN_FILE,
            Type.STRING,
            null,
            MEDIUM,
            "PEM certificate chain of that key, the signer's certificate first, then"
                + " intermediates. The signer's certificate needs key usage digitalSignature and"
                + " an extended key usage C2PA validators accept (e.g. emailProtection).")
        .define(
            KEYSTORE_FILE,
            Type.STRING,
            null,
            MEDIUM,
            "PKCS#12 keystore holding the signing key and its chain, instead of the PEM files.")
        .define(
            KEYSTORE_PASSWORD,
            Type.PASSWORD,
            null,
            MEDIUM,
            "Password of provenance.keystore.file.");
  }

  /** The signing identity the keys name, loaded now (a bad file fails the start), or none. */
  static Optional<SigningIdentity> identity(AbstractConfig values) {
    String key = values.getString(KEY_FILE);
    String chain = values.getString(CHAIN_FILE);
    String keystore = values.getString(KEYSTORE_FILE);
    if (keystore != null && (key != null || chain != null)) {
      throw new ConfigValidationException(
          java.util.List.of(
              KEYSTORE_FILE
                  + " and "
                  + KEY_FILE
                  + "/"
                  + CHAIN_FILE
                  + " are both set: sign with either a PKCS#12 keystore or PEM files, not both"));
    }
    if (keystore != null) {
      Password password = values.getPassword(KEYSTORE_PASSWORD);
      return Optional.of(
          SigningIdentity.fromPkcs12(
              Path.of(keystore), password == null ? new char[0] : password.value().toCharArray()));
    }
    if ((key == null) != (chain == null)) {
      throw new ConfigValidationException(
          java.util.List.of(
              "set both "
                  + KEY_FILE
                  + " and "
                  + CHAIN_FILE
                  + " to sign clips (or neither to leave them unsigned)"));
    }
    return key == null
        ? Optional.empty()
        : Optional.of(SigningIdentity.fromPem(Path.of(key), Path.of(chain)));
  }
}
