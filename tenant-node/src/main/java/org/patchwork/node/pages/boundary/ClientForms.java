package org.patchwork.node.pages.boundary;

import java.util.Locale;
import java.util.UUID;

/**
 * What the forms on a client's page share: the client travels as its opaque id ({@code c}), and
 * every action comes back to the client's page.
 */
public final class ClientForms {

  private ClientForms() {}

  /** The client's page again, after an action. */
  public static String back(String ref) {
    return "/client.xhtml?faces-redirect=true&c=" + ref;
  }

  /** An opaque id from a form or the address, or null when it is none. */
  public static UUID uuid(String text) {
    try {
      return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The constant a form sent, or null when it sent none or one the list does not hold. */
  public static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An enum constant in words: MATERNAL_CHILD_HEALTH → Maternal child health. */
  public static String words(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
