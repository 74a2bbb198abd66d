package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.control.SharingConsent;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.query.LegalBasis;

/**
 * This council's policy for what another council may learn. A client is disclosed only when their
 * consent is recorded here as given, or the query is a safeguarding one under an agreement that
 * includes safeguarding and the match is certain or probable; each disclosure under safeguarding
 * waits for this council's admin to review it. Otherwise the answer is NO_MATCH, not DENIED: DENIED
 * would tell the asker that this council knows the person. Only involvements in services the
 * agreement names are shown, and a restricted one only as "a restricted service is involved" with
 * its opaque handle.
 */
@ApplicationScoped
@Transactional
public class InvolvementDisclosure {

  /** The purpose code that gives an agreement its safeguarding clause. */
  public static final String SAFEGUARDING = "safeguarding";

  /** A query describes one person: a handful of candidates at most is plausible. */
  private static final int MAX_CLIENTS = 10;

  @PersistenceContext EntityManager em;

  @Inject ClientSearch search;

  @Inject AuditTrail audit;

  @Inject Notifier notifier;

  @Inject DirectoryCopy directory;

  @Inject SharingConsent consent;

  /**
   * @param hashes the query's token values, decoded
   * @param queryComplete whether the query knew the whole date of birth
   */
  public List<FederatedSearch.Involved> disclose(
      InboundQuestion query, byte[][] hashes, boolean queryComplete) {
    List<InboundQuestion.Terms> agreements = query.agreements();
    boolean safeguardingClause =
        query.basis() == LegalBasis.SAFEGUARDING
            && agreements.stream().anyMatch(a -> a.purposes().contains(SAFEGUARDING));
    boolean allServices = agreements.stream().anyMatch(a -> a.services().isEmpty());
    Set<String> services = new HashSet<>();
    agreements.forEach(a -> a.services().forEach(service -> services.add(normalised(service))));
    String asker =
        directory
            .node(query.requesterCouncil())
            .map(DirectoryNode::name)
            .orElse(query.requesterCouncil());
    String actor = "federation:" + query.requesterCouncil() + "/" + query.requesterRef();
    // The basis is named so that the council admin's weekly counts can tell safeguarding apart.
    String purpose =
        "federated "
            + query.purpose()
            + " ("
            + query.basis().name().toLowerCase(java.util.Locale.ROOT)
            + ") query from "
            + query.requesterCouncil();

    List<FederatedSearch.Involved> views = new ArrayList<>();
    List<Client> disclosed = new ArrayList<>();
    // Kinds weaker than a name part with the whole date answer only a safeguarding query, whatever
    // the requester sent (MatchKeyKind.safeguardingOnly).
    Set<MatchKeyKind> kinds = EnumSet.noneOf(MatchKeyKind.class);
    for (MatchKeyKind kind : MatchKeyKind.values()) {
      if (query.basis() == LegalBasis.SAFEGUARDING || !kind.safeguardingOnly()) {
        kinds.add(kind);
      }
    }
    for (ClientSearch.Found found : search.searchByHashes(hashes, queryComplete, kinds)) {
      if (disclosed.size() == MAX_CLIENTS) {
        break;
      }
      if (!consent.allowsSharing(found.id())
          && !(safeguardingClause && sureEnoughToOverride(found.grade()))) {
        continue;
      }
      Client client = em.find(Client.class, found.id());
      List<Involvement> involvements =
          em
              .createNamedQuery(Involvement.ACTIVE_OF_CLIENT, Involvement.class)
              .setParameter("client", client)
              .getResultList()
              .stream()
              .filter(i -> allServices || services.contains(code(i.team().service())))
              .toList();
      if (involvements.isEmpty()) {
        continue;
      }
      disclosed.add(client);
      String grade = found.grade().wireValue();
      List<Practitioner> involved = new ArrayList<>();
      for (Involvement involvement : involvements) {
        views.add(view(grade, involvement));
        involvement.practitioner().ifPresent(involved::add);
      }
      notifier.tell(
          involved,
          NotificationKind.FOUND_ELSEWHERE,
          client.id(),
          null,
          "A practitioner at "
              + asker
              + " found your involvement with "
              + client.givenNames()
              + " "
              + client.familyName()
              + " ("
              + query.purpose()
              + ").");
    }
    if (query.basis() == LegalBasis.SAFEGUARDING) {
      // The client is ours: our council admin reviews every disclosure made on another council's
      // word that a client is at risk, not only the asking council's admin.
      for (Client client : disclosed) {
        em.persist(
            QueryReview.disclosed(
                query.queryId(),
                client,
                query.requesterCouncil(),
                query.requesterRef(),
                query.purpose()));
      }
    }
    // The audit chain is one lock per council, held until commit: append last, after every read
    // and write above, so other councils' queries wait as little as possible.
    for (Client client : disclosed) {
      audit.record(
          actor,
          AuditAction.FEDERATED_ANSWER,
          "client",
          client.id().toString(),
          purpose,
          query.correlationId());
    }
    audit.record(
        actor,
        AuditAction.FEDERATED_ANSWER,
        "query",
        query.queryId(),
        purpose + (views.isEmpty() ? ": no match" : ": match"),
        query.correlationId());
    return views;
  }

  /**
   * The safeguarding exception overrides a client's refusal or withdrawal of consent only when the
   * match is certain or probable: a possible one is as likely someone else, whose consent nobody
   * has overridden.
   */
  static boolean sureEnoughToOverride(Grade grade) {
    return grade == Grade.CERTAIN || grade == Grade.PROBABLE;
  }

  private static FederatedSearch.Involved view(String grade, Involvement involvement) {
    if (involvement.isRestricted()) {
      return new FederatedSearch.Involved(
          grade, null, null, null, null, true, involvement.handle());
    }
    return new FederatedSearch.Involved(
        grade,
        label(involvement.team().service()),
        involvement.team().name(),
        contact(involvement),
        involvement.startedOn(),
        false,
        null);
  }

  /** The route the practitioner or team chose to publish, and nothing else about them. */
  private static String contact(Involvement involvement) {
    return involvement
        .practitioner()
        .filter(Practitioner::mayBeContactedDirectly)
        .map(
            p ->
                p.displayName()
                    + p.phone().map(phone -> ", " + phone).orElse("")
                    + ", "
                    + p.email())
        .or(() -> involvement.team().contactRoute())
        .orElse("Contact " + involvement.team().name() + " through the council");
  }

  /** Agreements may write YOUTH_SERVICES or youth-services; both name one service. */
  private static String normalised(String service) {
    return service.strip().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The service as agreements name it, e.g. {@code youth-services}. */
  public static String code(Service service) {
    return service.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String label(Service service) {
    return switch (service) {
      case YOUTH_SERVICES -> "Youth Services";
      case MATERNAL_CHILD_HEALTH -> "Maternal & Child Health";
      case POLICE -> "Police";
      case SCHOOL -> "School";
      case HEALTH -> "Health";
      case CHARITY -> "Charity";
      case OTHER -> "Other service";
    };
  }
}
