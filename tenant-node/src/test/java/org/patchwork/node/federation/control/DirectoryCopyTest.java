package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.patchwork.node.federation.entity.CouncilDecision;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.trust.CouncilKey;

/**
 * A bad directory from the broker (unreadable, unsigned, signed by another key, expired) is refused
 * whole and audited, and the node keeps the trusted directory it had. The broker here is a fake
 * serving whatever the test puts in {@link #served}; everything else is the real class.
 */
class DirectoryCopyTest {

  private final PartyKeys broker = PartyKeys.generate("broker");
  private final PartyKeys kingstonNode = PartyKeys.generate("kingston");
  private final ECKey kingstonCouncil = CouncilKey.generate("kingston");
  private final List<String> audited = new ArrayList<>();
  private final DirectoryCopy copy = new DirectoryCopy();
  private String served;

  @BeforeEach
  void connectToAFakeBroker() {
    copy.link =
        new FederationLink() {
          @Override
          public String council() {
            return "kingston";
          }

          @Override
          public boolean isConnected() {
            return true;
          }

          @Override
          public PartyKeys ownKeys() {
            return kingstonNode;
          }

          @Override
          public Optional<ECKey> brokerKey(String kid) {
            return broker.signing().getKeyID().equals(kid)
                ? Optional.of(broker.signing().toPublicJWK())
                : Optional.empty();
          }

          @Override
          public HttpResponse<String> getFromBroker(String path, Duration timeout) {
            return response(200, served);
          }

          @Override
          public HttpResponse<String> sendStatementToBroker(
              String method, String path, String statement, Duration timeout) {
            return response(204, "");
          }
        };
    copy.councilKey =
        new CouncilKeyFile() {
          @Override
          public Optional<ECKey> key() {
            return Optional.of(kingstonCouncil);
          }

          @Override
          public Optional<String> fingerprint() {
            return Optional.of(CouncilKey.fingerprint(kingstonCouncil));
          }
        };
    copy.ledger =
        new InboundLedger() {
          @Override
          public void refused(String kind, String sender, String reason, String correlationId) {
            audited.add(kind + ": " + reason);
          }
        };
    copy.ownDecisions =
        new OwnDecisions() {
          @Override
          public List<CouncilDecision> get() {
            return List.of();
          }
        };
    copy.sequences =
        new DirectorySequence() {
          @Override
          public void admit(long sequence) {
            // the database's rollback check has its own IT (DirectorySequenceIT)
          }
        };
    copy.refresh = Duration.ofMinutes(1);
    served = Envelopes.sign(directory(5, "City of Yarra", Instant.now()), broker.signing());
    assertThat(copy.current().sequence()).isEqualTo(5);
    assertThat(copy.councilName("yarra")).isEqualTo("City of Yarra");
  }

  @Test
  void refusesAnUnreadableDirectoryAndKeepsTheOneItHeld() throws Exception {
    assertRefusedAndKept("{\"not\":\"a directory\"}");
  }

  @Test
  void refusesAnUnsignedDirectoryAndKeepsTheOneItHeld() throws Exception {
    String[] parts =
        Envelopes.sign(directory(6, "Evil Yarra", Instant.now()), broker.signing()).split("\\.");
    assertRefusedAndKept(parts[0] + "." + parts[1] + ".");
  }

  @Test
  void refusesADirectorySignedByAnotherKeyUnderTheBrokersKidAndKeepsTheOneItHeld()
      throws Exception {
    ECKey impostor =
        new ECKey.Builder(PartyKeys.generate("impostor").signing())
            .keyID(broker.signing().getKeyID())
            .build();
    assertRefusedAndKept(Envelopes.sign(directory(6, "Evil Yarra", Instant.now()), impostor));
  }

  @Test
  void refusesAnExpiredDirectoryAndKeepsTheOneItHeld() throws Exception {
    assertRefusedAndKept(
        Envelopes.sign(
            directory(6, "Evil Yarra", Instant.now().minus(Duration.ofHours(1))),
            broker.signing()));
  }

  private void assertRefusedAndKept(String bad) throws Exception {
    served = bad;
    refetchNow();

    FederationDirectory held = copy.current();

    assertThat(held.sequence()).isEqualTo(5);
    assertThat(copy.councilName("yarra")).isEqualTo("City of Yarra");
    assertThat(audited).singleElement().asString().startsWith("directory: ");
  }

  /** The copy refetches at most every few seconds; the test does not wait for that. */
  private void refetchNow() throws Exception {
    var fetchedAt = DirectoryCopy.class.getDeclaredField("fetchedAt");
    fetchedAt.setAccessible(true);
    fetchedAt.set(copy, Instant.EPOCH);
  }

  private FederationDirectory directory(long sequence, String yarraName, Instant issued) {
    return new FederationDirectory(
        Protocol.VERSION,
        issued,
        issued.plus(Duration.ofMinutes(5)),
        List.of(
            new DirectoryNode("kingston", "City of Kingston", "http://127.0.0.1:1", List.of()),
            new DirectoryNode("yarra", yarraName, "http://127.0.0.1:2", List.of())),
        List.of(),
        sequence,
        List.of(),
        List.of());
  }

  private static HttpResponse<String> response(int status, String body) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build();
      }

      @Override
      public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.of(Map.of(), (a, b) -> true);
      }

      @Override
      public String body() {
        return body;
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return URI.create("http://127.0.0.1:1/");
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
