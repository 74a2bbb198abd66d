package org.patchwork.node.involvements.entity;

/**
 * Why a practitioner raises attention to a client's team. A fixed list, so that nothing about the
 * client's circumstances is written down: the team talks, the system only prompts.
 */
public enum AttentionReason {
  PLEASE_CONTACT_ME,
  SAFETY_CONCERN,
  LOST_CONTACT,
  CHANGE_OF_CIRCUMSTANCES,
  MOVING_AWAY,
  CASE_CONFERENCE_PROPOSED;

  /** The words the team reads. */
  public String inWords() {
    return switch (this) {
      case PLEASE_CONTACT_ME -> "asks to talk";
      case SAFETY_CONCERN -> "has a safety concern";
      case LOST_CONTACT -> "has lost contact";
      case CHANGE_OF_CIRCUMSTANCES -> "reports a change of circumstances";
      case MOVING_AWAY -> "reports the client may be moving away";
      case CASE_CONFERENCE_PROPOSED -> "proposes a case conference";
    };
  }
}
