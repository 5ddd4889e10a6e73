package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.provenance.ClipSigner;
import io.clipstream.provenance.SigningIdentity;
import io.clipstream.provenance.TimeStampAuthority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Signing clips with C2PA Content Credentials: the key and certificate chain, and the RFC 3161
 * time-stamp authority.
 */
public final class ProvenanceKeys {

  public static final String KEY_FILE = "provenance.key.file";
  public static final String CHAIN_FILE = "provenance.chain.file";
  public static final String KEYSTORE_FILE = "provenance.keystore.file";
  public static final String KEYSTORE_PASSWORD = "provenance.keystore.password";
  public static final String TSA_URL = "provenance.tsa.url";
  public static final String TSA_TIMEOUT_MS = "provenance.tsa.timeout.ms";
  public static final String TSA_REQUIRED = "provenance.tsa.required";

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
            KEYSTORE_PASSWORD, Type.PASSWORD, null, MEDIUM, "Password of provenance.keystore.file.")
        .define(
            TSA_URL,
            Type.STRING,
            null,
            Checks.of(
                "an http:// or https:// URL of an RFC 3161 time-stamp authority",
                v ->
                    v == null || v.toString().matches("https?://[^\\s/]+(/\\S*)?")
                        ? null
                        : "not an http(s) URL"),
            MEDIUM,
            "RFC 3161 time-stamp authority (HTTP POST of application/timestamp-query) that"
                + " time-stamps every clip's and thumbnail's signature (C2PA sigTst2), so clips"
                + " stay valid after the signing certificate expires or is rotated. Unset: no"
                + " time-stamp; a validator then judges the certificate at validation time.")
        .define(
            TSA_TIMEOUT_MS,
            Type.LONG,
            10_000L,
            Checks.atLeast(100),
            MEDIUM,
            "How long one time-stamp request may take (connecting and answering). Milliseconds.")
        .define(
            TSA_REQUIRED,
            Type.BOOLEAN,
            true,
            MEDIUM,
            "When the time-stamp authority gives no token (unreachable, slow, refusing): true"
                + " fails the clip (clips.failed, RENDER_ERROR, with the reason); false signs it"
                + " without a time-stamp and says so in the side-car (provenance.time_stamp).");
  }

  /** The signer the keys describe (with its time-stamp authority), or none. */
  static Optional<ClipSigner> signer(AbstractConfig values) {
    Optional<TimeStampAuthority> tsa =
        Optional.ofNullable(values.getString(TSA_URL))
            .map(
                url ->
                    new TimeStampAuthority(
                        URI.create(url), Duration.ofMillis(values.getLong(TSA_TIMEOUT_MS))));
    Optional<SigningIdentity> identity = identity(values);
    if (tsa.isPresent() && identity.isEmpty()) {
      throw new ConfigValidationException(
          java.util.List.of(
              TSA_URL
                  + " is set but no signing key is: set "
                  + KEY_FILE
                  + " and "
                  + CHAIN_FILE
                  + " (or "
                  + KEYSTORE_FILE
                  + ") too, or unset "
                  + TSA_URL));
    }
    return identity.map(id -> new ClipSigner(id, tsa, values.getBoolean(TSA_REQUIRED)));
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
