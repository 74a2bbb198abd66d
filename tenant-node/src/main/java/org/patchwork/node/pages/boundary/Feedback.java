package org.patchwork.node.pages.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UINamingContainer;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolation;
import java.util.Map;
import java.util.Set;
import org.patchwork.node.refusals.control.Refusal;

/**
 * Messages on pages: next to the field they are about (the form keeps what was typed), or at the
 * top of the page; and a refusal from a control in the words the API would send.
 */
public final class Feedback {

  private Feedback() {}

  public static void field(String clientId, String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    faces.validationFailed();
  }

  /**
   * A message next to a field of a form that repeats on the page (one per row, inside a {@code
   * ui:repeat}, whose client ids carry the row): the form that was sent names itself in the request
   * (Faces posts a parameter with the form's client id as name and value), so the message goes to
   * that row's field. On the page: {@code <h:message for="field"/>} inside the form.
   */
  public static void fieldOfSentForm(String formId, String fieldId, String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    String separator = String.valueOf(UINamingContainer.getSeparatorChar(faces));
    Map<String, String> sent = faces.getExternalContext().getRequestParameterMap();
    String form =
        sent.entrySet().stream()
            .filter(p -> p.getKey().equals(p.getValue()))
            .map(Map.Entry::getKey)
            .filter(name -> name.equals(formId) || name.endsWith(separator + formId))
            .findFirst()
            .orElse(null);
    if (form == null) {
      page(text);
    } else {
      field(form + separator + fieldId, text);
    }
  }

  public static void page(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
  }

  /** A message for this page, when it stays as it is. */
  public static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
  }

  /** A message for the next page, after a redirect. */
  public static void done(String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().getFlash().setKeepMessages(true);
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
  }

  /**
   * Puts each violation of an API request record next to its field: the pages check input with the
   * same records, and so the same messages, as the API.
   */
  public static <T> boolean valid(
      Set<ConstraintViolation<T>> violations, Map<String, String> fields) {
    for (ConstraintViolation<T> violation : violations) {
      String property = violation.getPropertyPath().toString();
      String field = fields.get(property);
      if (field == null) {
        page(violation.getMessage());
      } else {
        field(field, violation.getMessage());
      }
    }
    return violations.isEmpty();
  }

  /**
   * A control's refusal: next to the page field that holds the request field it is about ({@code
   * fields} maps request field names to the page's client ids), or at the top of the page.
   */
  public static void refused(Refusal refusal, Map<String, String> fields) {
    String clientId = refusal.field().map(fields::get).orElse(null);
    if (clientId == null) {
      page(refusal.detail());
    } else {
      field(clientId, refusal.detail());
    }
  }

  /** A control's refusal at the top of the page, for a page whose form has no matching field. */
  public static void refused(Refusal refusal) {
    page(refusal.detail());
  }
}
