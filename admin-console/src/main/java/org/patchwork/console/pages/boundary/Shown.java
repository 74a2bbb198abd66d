package org.patchwork.console.pages.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import org.patchwork.console.broker.control.BrokerRefused;

/** How pages show times, durations and lists; and the broker's refusals as messages. */
@Named("shown")
@ApplicationScoped
public class Shown {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  public String time(Instant at) {
    return at == null ? "never" : TIME.format(at);
  }

  /** "12 s ago", "3 min ago", "5 h ago", "2 days ago". */
  public String ago(Instant at) {
    if (at == null) {
      return "never";
    }
    long seconds = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
    if (seconds < 120) {
      return seconds + " s ago";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 172_800) {
      return seconds / 3600 + " h ago";
    }
    return seconds / 86_400 + " days ago";
  }

  public String millis(Long millis) {
    return millis == null ? "–" : millis + " ms";
  }

  public String list(Collection<?> values) {
    return values == null || values.isEmpty()
        ? "none"
        : String.join(", ", values.stream().map(String::valueOf).toList());
  }

  /** Puts what the broker said at the top of the page. */
  public static void refused(BrokerRefused refused) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR, refused.getMessage(), refused.getMessage()));
  }

  /** Tells the person what happened; kept over the redirect that follows an action. */
  public static void done(String text) {
    FacesContext context = FacesContext.getCurrentInstance();
    context.getExternalContext().getFlash().setKeepMessages(true);
    context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
  }
}
