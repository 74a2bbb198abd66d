package org.patchwork.broker.senders.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;

/**
 * An envelope whose signature, sender and form checked out, with the node that sent it.
 *
 * @param pair the pair key the sender authenticated with, or null if it signed
 */
public record Verified<T>(T value, RegisteredNode sender, String compact, PairKey pair) {

  /**
   * The broker's reply, in kind: authenticated with the same pair key when the sender used one,
   * signed with the broker's key when the sender signed (as contact relays and older nodes do).
   */
  public String reply(Object record, BrokerKeys keys) {
    return pair != null
        ? Envelopes.authenticate(record, pair)
        : Envelopes.sign(record, keys.keys().signing());
  }

  static boolean authenticated(JWSObject jws) {
    return JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm());
  }
}
