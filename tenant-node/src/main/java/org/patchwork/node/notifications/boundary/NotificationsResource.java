package org.patchwork.node.notifications.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.notifications.control.Inbox;
import org.patchwork.node.notifications.entity.Notification;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/** A practitioner's own notifications, newest first. */
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class NotificationsResource {

  /** One notification as its recipient sees it. */
  public record NotificationView(
      UUID id,
      NotificationKind kind,
      String message,
      UUID clientId,
      UUID subjectId,
      Instant createdAt,
      boolean read) {

    static NotificationView of(Notification notification) {
      return new NotificationView(
          notification.id(),
          notification.kind(),
          notification.message(),
          notification.clientId().orElse(null),
          notification.subjectId().orElse(null),
          notification.createdAt(),
          notification.readAt().isPresent());
    }
  }

  /** Enough for any inbox; older ones stay in the database. */
  private static final int LATEST = 200;

  @Inject CurrentPractitioner caller;

  @Inject Inbox inbox;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public List<NotificationView> mine() {
    return inbox.latest(caller.approved(), LATEST).stream().map(NotificationView::of).toList();
  }

  @POST
  @Path("{id}/read")
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response read(@PathParam("id") UUID id) {
    inbox.markRead(id, caller.approved());
    return Response.noContent().build();
  }

  /** Marks all of the caller's notifications read. */
  @POST
  @Path("read")
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response readAll() {
    inbox.markAllRead(caller.approved());
    return Response.noContent().build();
  }
}
