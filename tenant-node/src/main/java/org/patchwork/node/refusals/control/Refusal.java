package org.patchwork.node.refusals.control;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the node will not carry out, with the words the person who asked should read. Control
 * code throws it and never speaks HTTP: the REST boundary maps {@link Kind} to a status once
 * ({@code refusals.boundary.RefusalMapper}) and the pages put the detail beside {@link #field()}. A
 * refusal thrown inside a transaction rolls it back, so nothing is half-written.
 */
public class Refusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of refusal it is, in the domain's terms; each boundary decides what that means. */
  public enum Kind {
    /** The input is wrong: the person can fix it. */
    INVALID,
    /** The input is well-formed but cannot be acted on (e.g. made with a key this node lacks). */
    UNPROCESSABLE,
    /** The sender could not be proven. */
    UNAUTHENTICATED,
    /** The caller may not do this. */
    FORBIDDEN,
    /** No such thing here. */
    NOT_FOUND,
    /** The thing is not in a state that allows it (already done, already answered, not given). */
    CONFLICT,
    /** Asked too often; try later. */
    THROTTLED,
    /** Something this node needs is not set up or not reachable. */
    UNAVAILABLE,
    /** Another party (the broker) refused or answered something that cannot be trusted. */
    PEER_FAILED,
    /** Another party did not answer in time. */
    PEER_TIMEOUT
  }

  /** The title most input refusals carry. */
  public static final String DETAILS_NEED_FIXING = "Some details need fixing";

  private final Kind kind;
  private final String reason;
  private final String title;
  private final String field;

  private Refusal(Kind kind, String reason, String title, String detail, String field) {
    super(detail);
    this.kind = Objects.requireNonNull(kind);
    this.reason = Objects.requireNonNull(reason);
    this.title = Objects.requireNonNull(title);
    this.field = field;
  }

  /**
   * @param reason a stable code a boundary or a test may rely on, e.g. {@code consent-missing}
   * @param title a short summary, the same for every refusal with this reason
   * @param detail what happened and what the person can do, in their words
   */
  public static Refusal of(Kind kind, String reason, String title, String detail) {
    return new Refusal(kind, reason, title, detail, null);
  }

  /** Input the person can fix, with the usual title. */
  public static Refusal invalid(String reason, String detail) {
    return new Refusal(Kind.INVALID, reason, DETAILS_NEED_FIXING, detail, null);
  }

  /** The same refusal, about one field of the request (its name in the request body). */
  public Refusal on(String field) {
    return new Refusal(kind, reason, title, getMessage(), field);
  }

  public Kind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** The request field at fault, when one is. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
