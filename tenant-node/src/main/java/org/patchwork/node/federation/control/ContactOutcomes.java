package org.patchwork.node.federation.control;

import org.patchwork.node.contact.entity.ContactOutcome;

/**
 * The one place where this node's gatekeeper outcomes meet the protocol's: the two enums name the
 * same answers, and a new value on either side fails to compile here instead of travelling as a
 * name that the other side does not know.
 */
final class ContactOutcomes {

  private ContactOutcomes() {}

  static org.patchwork.protocol.contact.ContactOutcome toWire(ContactOutcome outcome) {
    return switch (outcome) {
      case SHARE_CONTACT -> org.patchwork.protocol.contact.ContactOutcome.SHARE_CONTACT;
      case WILL_CALL_BACK -> org.patchwork.protocol.contact.ContactOutcome.WILL_CALL_BACK;
      case DECLINE -> org.patchwork.protocol.contact.ContactOutcome.DECLINE;
    };
  }

  static ContactOutcome fromWire(org.patchwork.protocol.contact.ContactOutcome outcome) {
    return switch (outcome) {
      case SHARE_CONTACT -> ContactOutcome.SHARE_CONTACT;
      case WILL_CALL_BACK -> ContactOutcome.WILL_CALL_BACK;
      case DECLINE -> ContactOutcome.DECLINE;
    };
  }
}
