package io.clipstream.provenance;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamp authority reached over HTTP (RFC 3161 section 3.4: a DER request POSTed as
 * {@code application/timestamp-query}). Its token proves the signature existed at the TSA's time,
 * so a clip stays valid after its signing certificate expires or is rotated.
 */
public final class TimeStampAuthority {

  private static final SecureRandom NONCES = new SecureRandom();

  private final URI url;
  private final Duration timeout;
  private final HttpClient http;

  public TimeStampAuthority(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Where the TSA is, without any user info, path or query (which may hold an access token). */
  public String host() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /** A time-stamp token (DER CMS SignedData) over the SHA-256 of {@code data}. */
  byte[] stamp(byte[] data) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    TimeStampRequest request =
        generator.generate(TSPAlgorithms.SHA256, Digest.of(data), new BigInteger(64, NONCES));
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/timestamp-query")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new TimeStampException(
            "the time-stamp authority "
                + host()
                + " answered HTTP "
                + response.statusCode()
                + ": check provenance.tsa.url");
      }
      TimeStampResponse answer = new TimeStampResponse(response.body());
      // Checks the status, that the token covers our hash and nonce, and names its TSA.
      answer.validate(request);
      TimeStampToken token = answer.getTimeStampToken();
      if (token == null) {
        throw new TimeStampException(
            "the time-stamp authority "
                + host()
                + " refused the request: "
                + answer.getStatusString());
      }
      return token.getEncoded();
    } catch (IOException e) {
      throw new TimeStampException(
          "the time-stamp authority "
              + host()
              + " could not be reached within "
              + timeout.toMillis()
              + " ms ("
              + e
              + "): check provenance.tsa.url and the network, or raise provenance.tsa.timeout.ms",
          e);
    } catch (TSPException e) {
      throw new TimeStampException(
          "the time-stamp authority "
              + host()
              + " gave an unusable answer ("
              + e.getMessage()
              + "): check that provenance.tsa.url is an RFC 3161 service",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeStampException("interrupted while waiting for the time-stamp authority", e);
    }
  }

  @Override
  public String toString() {
    return "TimeStampAuthority[" + host() + ", timeout " + timeout.toMillis() + " ms]";
  }

  /** The TSA could not give a token: unreachable, refused, or answered nonsense. */
  public static final class TimeStampException extends ProvenanceException {
    TimeStampException(String message) {
      super(message);
    }

    TimeStampException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
