package org.patchwork.console.councils.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;

/**
 * {@code councils.xhtml}: registers a council from the key set its council key signed (pasted or
 * uploaded; the fingerprint is shown to check by phone with the council before registering),
 * changes a node's base URL, suspends and resumes, and shows each council's key history.
 */
@Named("councilsPage")
@ViewScoped
public class CouncilsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A key set is a few kilobytes; anything much larger is not one. */
  private static final int MAX_KEY_SET = 60_000;

  @Inject Broker broker;

  private List<Federation.CouncilView> councils = List.of();
  private final Map<String, String> baseUrls = new HashMap<>();

  private String councilId;
  private String name;
  private String baseUrl;
  private String keySet;
  private transient Part upload;
  private Federation.KeySetPreview preview;
  private boolean acted;

  public void load() {
    try {
      councils =
          broker.get("/api/operations/councils", Broker.listOf(Federation.CouncilView.class));
      councils.forEach(c -> baseUrls.put(c.council(), c.baseUrl()));
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  /** Reads the key set (the upload wins over the text) and shows what it says. */
  public void check() throws IOException {
    if (upload != null && upload.getSize() > 0) {
      if (upload.getSize() > MAX_KEY_SET) {
        Shown.refused(new BrokerRefused(400, "That file is too large to be a key set."));
        return;
      }
      try (InputStream in = upload.getInputStream()) {
        keySet = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
    }
    preview = null;
    if (keySet == null || keySet.isBlank()) {
      Shown.refused(
          new BrokerRefused(400, "Paste or upload the key set the council's platform team sent."));
      return;
    }
    try {
      preview =
          broker.sendText(
              "/api/operations/key-set-preview", keySet.strip(), Federation.KeySetPreview.class);
      if (councilId == null || councilId.isBlank()) {
        councilId = preview.council();
      }
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public void register() throws IOException {
    if (acted || preview == null) {
      return;
    }
    try {
      broker.send(
          "PUT",
          "/api/operations/councils/" + councilId.strip(),
          new Federation.CouncilRegistration(name, baseUrl, keySet.strip()),
          null);
      acted = true;
      Shown.done(
          "Registered "
              + name
              + ". Its node takes part once an agreement names it and every party approved.");
      redirect();
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public void changeBaseUrl(Federation.CouncilView council) throws IOException {
    if (acted) {
      return;
    }
    try {
      broker.send(
          "PUT",
          "/api/operations/councils/" + council.council(),
          new Federation.CouncilRegistration(council.name(), baseUrls.get(council.council()), null),
          null);
      acted = true;
      Shown.done(council.name() + "'s node is now reached at " + baseUrls.get(council.council()));
      redirect();
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public void suspend(Federation.CouncilView council) throws IOException {
    act(council, "suspension", council.name() + " is suspended: no question reaches or leaves it.");
  }

  public void resume(Federation.CouncilView council) throws IOException {
    act(council, "reinstatement", council.name() + " takes part again.");
  }

  private void act(Federation.CouncilView council, String route, String done) throws IOException {
    if (acted) {
      return;
    }
    try {
      broker.send("POST", "/api/nodes/" + council.council() + "/" + route, null, null);
      acted = true;
      Shown.done(done);
      redirect();
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  private static void redirect() throws IOException {
    FacesContext.getCurrentInstance().getExternalContext().redirect("councils.xhtml");
  }

  public List<Federation.CouncilView> getCouncils() {
    return councils;
  }

  public Map<String, String> getBaseUrls() {
    return baseUrls;
  }

  public String getCouncilId() {
    return councilId;
  }

  public void setCouncilId(String councilId) {
    this.councilId = councilId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getKeySet() {
    return keySet;
  }

  public void setKeySet(String keySet) {
    this.keySet = keySet;
  }

  public Part getUpload() {
    return upload;
  }

  public void setUpload(Part upload) {
    this.upload = upload;
  }

  public Federation.KeySetPreview getPreview() {
    return preview;
  }
}
