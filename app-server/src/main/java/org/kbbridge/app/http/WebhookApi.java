package org.kbbridge.app.http;

import org.kbbridge.domain.account.Principal;
import org.kbbridge.port.in.ForumEventReceipt;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.ReceiveForumEventCommand;
import org.kbbridge.port.in.ReceiveForumEventUseCase;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.in.WebhookRefusedException;

/**
 * POST /webhooks/discourse/{integrated_account_id} (SPEC 3.5). No bearer token: Discourse cannot send one, the
 * signature over the raw body is the proof. 200 when applied (or a repeat, or not about knowledge), 202 when a
 * targeted re-read of the topic was queued.
 */
public final class WebhookApi {

    private final ReceiveForumEventUseCase events;

    public WebhookApi(ReceiveForumEventUseCase events) {
        this.events = events;
    }

    public ApiResponse receive(ApiRequest request, Principal principal) {
        String rawId = request.path("integrated_account_id");
        if (rawId == null || !rawId.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.notFound("integrated account '" + rawId + "' does not exist");
        }
        long accountId = Long.parseLong(rawId);
        ForumEventReceipt receipt;
        try {
            receipt = events.receive(new ReceiveForumEventCommand(accountId,
                    request.header("X-Discourse-Event-Id").orElse(null),
                    request.header("X-Discourse-Event-Type").orElse(null),
                    request.header("X-Discourse-Event").orElse(null),
                    request.header("X-Discourse-Event-Signature").orElse(null),
                    request.rawBody()));
        } catch (UnknownAccountException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (WebhookRefusedException e) {
            throw new ApiException(401, "unauthorized", e.getMessage());
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String status = switch (receipt) {
            case PING -> "pong";
            case APPLIED -> "applied";
            case DUPLICATE -> "duplicate";
            case IGNORED -> "ignored";
            case QUEUED -> "queued";
        };
        return ApiResponse.json(receipt == ForumEventReceipt.QUEUED ? 202 : 200, "{\"status\":\"" + status + "\"}");
    }
}
