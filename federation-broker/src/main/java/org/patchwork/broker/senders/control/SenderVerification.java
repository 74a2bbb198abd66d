package org.patchwork.broker.senders.control;

import com.nimbusds.jose.JWSObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.nodes.control.NodeRegistry;
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;

/**
 * Checks that a registered node sent an envelope and that it names that node as its sender: signed
 * (ES256) with its signing key, or authenticated (HS256) with the pair key it shares with the
 * broker. The key id names the party (kid "council:sig:uuid" or "council:enc:uuid"); the key must
 * be one the registry holds for that council, and the council must be active.
 */
@ApplicationScoped
public class SenderVerification {

  @Inject NodeRegistry registry;

  @Inject BrokerKeys keys;

  public <T> Verified<T> verify(String compact, Class<T> type, Function<T, String> claimedSender)
      throws Refused {
    JWSObject jws;
    try {
      jws = JWSObject.parse(compact);
    } catch (ParseException e) {
      throw Refused.unauthenticated(
          RefusalReason.MALFORMED, "Send a compact JWS (application/jose).");
    }
    String kid = jws.getHeader().getKeyID();
    if (kid == null || kid.indexOf(':') < 1) {
      throw Refused.unauthenticated(
          RefusalReason.UNKNOWN_KEY, "The envelope names no node's key (kid).");
    }
    String party = kid.substring(0, kid.indexOf(':'));
    Optional<RegisteredNode> sender = registry.node(party);
    if (sender.isEmpty()
        || sender.get().signingKey(kid).isEmpty() && sender.get().encryptionKey(kid).isEmpty()) {
      throw Refused.unauthenticated(
          RefusalReason.UNKNOWN_KEY, "The signing key is not registered for any node.");
    }
    T value;
    PairKey pair = null;
    try {
      Envelopes.verify(compact, type, sender.get()::signingKey, pairWith(sender.get()));
      if (Verified.authenticated(jws)) {
        pair = pairWith(sender.get()).apply(kid).orElseThrow();
      }
      value = Envelopes.fromJson(onlyKnownFields(jws.getPayload().toString(), type), type);
    } catch (EnvelopeRejected e) {
      // Its signature did not check out (or the JWS around it could not be read): nobody is proven.
      throw Refused.unauthenticated(
          switch (e.reason()) {
            case UNKNOWN_KEY -> RefusalReason.UNKNOWN_KEY;
            case BAD_SIGNATURE -> RefusalReason.BAD_SIGNATURE;
            default -> RefusalReason.MALFORMED;
          },
          e.getMessage());
    } catch (JsonbException
        | jakarta.json.JsonException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException e) {
      throw new Refused(
          RefusalReason.MALFORMED,
          "The payload is not a " + type.getSimpleName() + " with only the documented fields.");
    }
    if (value == null) {
      throw new Refused(RefusalReason.MALFORMED, "The payload is empty.");
    }
    if (!party.equals(claimedSender.apply(value))) {
      throw new Refused(
          RefusalReason.WRONG_SIGNER, "The envelope was signed by another council than it names.");
    }
    if (!sender.get().active()) {
      throw new Refused(
          RefusalReason.NODE_SUSPENDED, "The sending node is suspended from the federation.");
    }
    return new Verified<>(value, sender.get(), compact, pair);
  }

  /** The pair keys the broker shares with {@code node}, by the node's encryption key id. */
  public Function<String, Optional<PairKey>> pairWith(RegisteredNode node) {
    return kid -> node.encryptionKey(kid).map(keys::pairWith);
  }

  /**
   * The payload, if it holds only the record's own fields. Unknown fields are refused, since a
   * sender that adds one may be relying on it. The protocol's {@code Envelopes} parse leniently, as
   * a node reading a newer broker's answer should.
   */
  private static String onlyKnownFields(String json, Class<?> type) throws Refused {
    JsonObject object;
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      object = reader.readObject();
    }
    Set<String> known =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toSet());
    if (!known.containsAll(object.keySet())) {
      throw new Refused(
          RefusalReason.MALFORMED,
          "The payload has fields a " + type.getSimpleName() + " does not have.");
    }
    return json;
  }
}
