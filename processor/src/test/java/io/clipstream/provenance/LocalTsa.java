package io.clipstream.provenance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 time-stamp authority for tests: a JDK HTTP server on a free local port answering
 * {@code application/timestamp-query} POSTs with BouncyCastle's TSP response generator, signing
 * with a throw-away TSA certificate under the given CA.
 */
final class LocalTsa implements AutoCloseable {

  final X509Certificate certificate;
  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;
  private final AtomicLong serial = new AtomicLong(1);

  LocalTsa(ThrowAwayCertificates ca) throws Exception {
    KeyPair keys = ThrowAwayCertificates.ecKeys();
    certificate = ca.timeStampAuthority("Clipstream test TSA", keys);
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", keys.getPrivate(), certificate),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
    tokens.addCertificates(new JcaCertStore(List.of(certificate, ca.ca)));
    TimeStampResponseGenerator responses =
        new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tsa",
        exchange -> {
          try (exchange) {
            requests.incrementAndGet();
            TimeStampRequest request =
                new TimeStampRequest(exchange.getRequestBody().readAllBytes());
            byte[] answer =
                responses
                    .generate(request, BigInteger.valueOf(serial.getAndIncrement()), new Date())
                    .getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          } catch (Exception e) {
            throw new IOException("the test TSA failed: " + e, e);
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
  }

  TimeStampAuthority client() {
    return new TimeStampAuthority(url(), Duration.ofSeconds(30));
  }

  /** An authority nobody answers at: a port that was free a moment ago. */
  static TimeStampAuthority unreachable() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new TimeStampAuthority(
        URI.create("http://127.0.0.1:" + port + "/tsa"), Duration.ofSeconds(2));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
