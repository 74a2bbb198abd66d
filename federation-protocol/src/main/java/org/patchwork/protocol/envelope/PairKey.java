package org.patchwork.protocol.envelope;

import javax.crypto.SecretKey;

/**
 * The symmetric keys two parties share: one to authenticate envelopes (HMAC-SHA256), one to seal
 * payloads (AES-256-GCM). Neither is ever sent; each party derives the same pair from its own
 * private and the other's public encryption key ({@link PairKeys}).
 *
 * @param ownKid this party's encryption key id: the kid its envelopes carry, naming the sender
 * @param peerKid the other party's encryption key id
 */
public record PairKey(String ownKid, String peerKid, SecretKey authentication, SecretKey sealing) {}
